import type { PublicAvailability } from '../availability/public-availability.ts';
import { availabilityText } from '../format/availability-text.ts';
import { DEFAULT_TIME_ZONE, timeZoneOf } from '../geo/time-zone.ts';
import { messagesFor } from '../i18n/locale.ts';
import { dateTimeFormat } from '../shared/time.ts';

/**
 * <live-refresh data-query="…">: while the results page is open, re-reads the same search from
 * the API (served from Créneau's cache, never from a provider) and updates each card's
 * availability in place, then says when it last did. No reload, no lost scroll position.
 */
interface CentreJson {
  id: string;
  departement: string | null;
  address: { lines: string[]; postcode: string | null };
  availability: PublicAvailability;
}

class LiveRefresh extends HTMLElement {
  #timer: ReturnType<typeof setInterval> | undefined;
  #t = messagesFor('fr');

  connectedCallback() {
    this.#t = messagesFor(this.dataset.lang === 'en' ? 'en' : 'fr');
    const query = this.dataset.query;
    const intervalS = Number(this.dataset.intervalS ?? 60);
    if (!query || !(intervalS > 0)) return;
    this.#timer = setInterval(() => void this.refresh(), intervalS * 1000);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.refresh();
    });
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
  }

  async refresh(): Promise<void> {
    if (document.visibilityState === 'hidden') return;
    const status = this.querySelector<HTMLElement>('[data-refresh-status]');
    try {
      const response = await fetch(`/api/v1/centres?${this.dataset.query}`, {
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { centres: CentreJson[] };
      for (const centre of body.centres) this.#update(centre);
      const time = dateTimeFormat(this.#t.intl, {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: DEFAULT_TIME_ZONE,
      }).format(new Date());
      // Said once per refresh in a polite live region: screen readers hear that the list changed.
      if (status) status.textContent = this.#t.results.refreshedAt(time);
      this.dataset.refreshedAt = new Date().toISOString();
    } catch {
      if (status) status.textContent = this.#t.results.refreshFailed;
    }
  }

  #update(centre: CentreJson) {
    const card = document.getElementById(`centre-${centre.id}`);
    const box = card?.querySelector<HTMLElement>('[data-availability]');
    if (!box) return;
    const text = availabilityText(centre.availability, timeZoneOf(centre), this.#t);
    box.className = `availability availability--${text.tone}`;
    box.dataset.tone = text.tone;
    const set = (selector: string, value: string | null) => {
      const element = box.querySelector<HTMLElement>(selector);
      if (!element) return;
      element.textContent = value ?? '';
      element.hidden = !value;
    };
    set('[data-headline]', text.headline);
    set('[data-next]', text.next);
    set('[data-freshness]', text.freshness);
  }
}

customElements.define('live-refresh', LiveRefresh);
