import type { PublicAvailability } from '../availability/public-availability.ts';
import { fr, type Messages } from '../i18n/fr.ts';
import { dateTimeParts } from '../shared/time.ts';

/**
 * The words a card uses for availability, shared by the server render and the live refresh in the
 * browser so both always say the same thing. Honesty first: a failed check is "information
 * indisponible", never "aucun créneau"; an old answer says how old it is.
 */
export type AvailabilityTone = 'slots' | 'none' | 'phone' | 'unknown' | 'stale';

export interface AvailabilityText {
  tone: AvailabilityTone;
  /** "12 créneaux", "Aucun créneau pour l'instant", "Information indisponible"… */
  headline: string;
  /** "Prochain : mardi 19 janvier à 14 h 30" */
  next: string | null;
  /** "Vérifié il y a 3 min", with a warning when stale. */
  freshness: string | null;
}

export function agoLabel(ageS: number, t: Messages = fr): string {
  return t.availability.ago(ageS);
}

/** "mardi 19 janvier à 14 h 30", in the centre's own time zone. */
export function slotDateLabel(iso: string, timeZone: string, t: Messages = fr): string {
  const parts = dateTimeParts(new Date(iso), t.intl, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return t.availability.slotDate(parts);
}

export function availabilityText(
  availability: PublicAvailability,
  timeZone: string,
  t: Messages = fr,
): AvailabilityText {
  const words = t.availability;
  const checked = availability.age_s === null ? null : words.ago(availability.age_s);
  const stale = availability.freshness === 'stale';
  const freshness = checked === null ? null : stale ? words.stale(checked) : words.checked(checked);
  const nextDate = availability.next_slot ? slotDateLabel(availability.next_slot, timeZone, t) : null;
  if (availability.status === 'unknown' && availability.valid_at && !availability.error) {
    // An honest answer that needed no request: the centre publishes no availability online.
    return { tone: 'unknown', headline: words.notPublished, next: null, freshness: null };
  }
  if (availability.freshness === 'unknown' || availability.status === 'unknown') {
    const why = availability.error ? words.providerDown : words.notYet;
    return { tone: 'unknown', headline: words.unknown, next: null, freshness: why };
  }
  if (availability.status === 'phone_only') {
    return { tone: stale ? 'stale' : 'phone', headline: words.phoneOnly, next: null, freshness };
  }
  if (availability.status === 'some' && availability.slot_count > 0) {
    const headline = words.slots(availability.slot_count);
    return {
      tone: stale ? 'stale' : 'slots',
      headline: stale ? words.toConfirm(headline) : headline,
      next: nextDate ? words.next(nextDate) : null,
      freshness,
    };
  }
  return {
    tone: stale ? 'stale' : 'none',
    headline: words.none,
    next: nextDate ? words.nextAnnounced(nextDate) : null,
    freshness,
  };
}
