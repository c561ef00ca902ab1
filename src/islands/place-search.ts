/**
 * <place-search>: autocomplete over /api/v1/places (ARIA combobox) and "autour de moi".
 * Without JavaScript the form still submits `q` to /recherche, which resolves it on the server.
 */
import { type Locale, localHref, messagesFor } from '../i18n/locale.ts';
import { isAroundMe } from '../search/around-me.ts';

interface PlaceSuggestionJson {
  kind: 'commune' | 'postcode' | 'departement';
  label: string;
  insee: string | null;
  postcodes: string[];
  departement: string;
}

function searchUrl(place: PlaceSuggestionJson, radius: string, locale: Locale): string {
  const params = new URLSearchParams();
  if (place.kind === 'commune' && place.insee) params.set('commune', place.insee);
  else if (place.kind === 'postcode' && place.postcodes[0]) params.set('cp', place.postcodes[0]);
  else params.set('departement', place.departement);
  if (place.kind !== 'departement') params.set('rayon', radius);
  return localHref(`/recherche?${params}`, locale);
}

class PlaceSearch extends HTMLElement {
  #input!: HTMLInputElement;
  #list!: HTMLUListElement;
  #radius!: HTMLSelectElement;
  #places: PlaceSuggestionJson[] = [];
  #active = -1;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request: AbortController | undefined;
  #locale: Locale = 'fr';
  #status: HTMLElement | null = null;

  connectedCallback() {
    const form = this.closest('form');
    const input = this.querySelector('input');
    const list = form?.querySelector<HTMLUListElement>('.suggestions');
    const radius = this.querySelector('select');
    if (!form || !input || !list || !radius) return;
    this.#input = input;
    this.#list = list;
    this.#radius = radius;
    this.#locale = this.dataset.lang === 'en' ? 'en' : 'fr';
    this.#status = form.querySelector<HTMLElement>('[data-suggestions-status]');
    input.addEventListener('input', () => this.#schedule());
    input.addEventListener('keydown', (event) => this.#onKey(event));
    input.addEventListener('blur', () => setTimeout(() => this.#close(), 150));
    list.addEventListener('mousedown', (event) => event.preventDefault());
    list.addEventListener('click', (event) => {
      const option = (event.target as HTMLElement).closest('li');
      if (option) this.#choose(Number(option.dataset.index));
    });
    this.#setUpLocate(form);
  }

  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#fetch(), 150);
  }

  async #fetch() {
    const q = this.#input.value.trim();
    this.#request?.abort();
    if (q.length < 2) return this.#close();
    this.#request = new AbortController();
    try {
      const response = await fetch(`/api/v1/places?q=${encodeURIComponent(q)}`, {
        signal: this.#request.signal,
      });
      if (!response.ok) return this.#close();
      const body = (await response.json()) as { places: PlaceSuggestionJson[] };
      this.#render(body.places);
    } catch {
      // Aborted by a newer keystroke, or offline: the form still works by submitting.
    }
  }

  #render(places: PlaceSuggestionJson[]) {
    this.#places = places;
    this.#active = -1;
    this.#list.replaceChildren(
      ...places.map((place, index) => {
        const option = document.createElement('li');
        option.id = `q-option-${index}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.index = String(index);
        option.textContent = place.label;
        return option;
      }),
    );
    const open = places.length > 0;
    // Screen readers hear how many suggestions came, since the list itself is not focused.
    if (this.#status)
      this.#status.textContent = messagesFor(this.#locale).form.suggestionsCount(places.length);
    this.#list.hidden = !open;
    this.#input.setAttribute('aria-expanded', String(open));
    this.#input.removeAttribute('aria-activedescendant');
  }

  #onKey(event: KeyboardEvent) {
    const count = this.#places.length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      this.#highlight((this.#active + 1) % count);
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      this.#highlight((this.#active - 1 + count) % count);
    } else if (event.key === 'Enter' && this.#active >= 0 && !this.#list.hidden) {
      event.preventDefault();
      this.#choose(this.#active);
    } else if (event.key === 'Escape') {
      this.#close();
    }
  }

  #highlight(index: number) {
    this.#active = index;
    for (const option of this.#list.children)
      option.setAttribute('aria-selected', String(option.id === `q-option-${index}`));
    this.#input.setAttribute('aria-activedescendant', `q-option-${index}`);
    this.#list.children[index]?.scrollIntoView({ block: 'nearest' });
  }

  #choose(index: number) {
    const place = this.#places[index];
    if (!place) return;
    this.#input.value = place.label;
    this.#close();
    window.location.assign(searchUrl(place, this.#radius.value, this.#locale));
  }

  #close() {
    this.#list.hidden = true;
    this.#input.setAttribute('aria-expanded', 'false');
    this.#input.removeAttribute('aria-activedescendant');
  }

  #setUpLocate(form: HTMLFormElement) {
    const button = form.querySelector<HTMLButtonElement>('[data-locate]');
    const status = form.querySelector<HTMLElement>('[data-locate-status]');
    if (!button || !status || !('geolocation' in navigator)) return;
    button.hidden = false;
    // "autour de moi" typed and submitted does what the button does (issue 15).
    form.addEventListener('submit', (event) => {
      if (!isAroundMe(this.#input.value)) return;
      event.preventDefault();
      button.click();
    });
    button.addEventListener('click', () => {
      const t = messagesFor(this.#locale);
      status.textContent = t.form.locating;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const params = new URLSearchParams({
            lat: position.coords.latitude.toFixed(5),
            lon: position.coords.longitude.toFixed(5),
            rayon: this.#radius.value,
          });
          window.location.assign(localHref(`/recherche?${params}`, this.#locale));
        },
        () => {
          status.textContent = t.form.locateFailed;
          this.#input.focus();
        },
        { timeout: 10_000, maximumAge: 300_000 },
      );
    });
  }
}

customElements.define('place-search', PlaceSearch);
