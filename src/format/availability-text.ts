import type { PublicAvailability } from '../availability/public-availability.ts';
import { fr, type Messages } from '../i18n/fr.ts';
import { DAY_AND_TIME, dateTimeFormat, dateTimeParts } from '../shared/time.ts';
import { clockParts } from './clock-parts.ts';

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
  const parts = dateTimeParts(new Date(iso), t.intl, { timeZone, weekday: 'long', ...DAY_AND_TIME });
  return t.availability.slotDate(parts);
}

/** "10 h 12" (same day as `nowMs` in the centre's zone) or "le 2 décembre à 10 h 12". */
export function clockLabel(iso: string, nowMs: number, timeZone: string, t: Messages = fr): string {
  return t.availability.clock(...clockParts(Date.parse(iso), nowMs, timeZone, t));
}

/** "22 décembre", in the centre's own time zone. */
function dayLabel(iso: string, timeZone: string, t: Messages): string {
  return dateTimeFormat(t.intl, { timeZone, day: 'numeric', month: 'long' }).format(new Date(iso));
}

/** The instant the age was computed at (the page's "now"), from `valid_at` and `age_s`. */
function nowOf(availability: PublicAvailability): number {
  if (availability.valid_at && availability.age_s !== null)
    return Date.parse(availability.valid_at) + availability.age_s * 1000;
  return Date.parse(availability.checked_at ?? '') || Date.now();
}

/**
 * A card's words, after the one rule of src/availability/knowledge.ts. A failing platform says so
 * and since when, beside the last good information; an expired value is "à vérifier auprès du
 * centre"; a slot known only beyond the horizon is "prochain créneau le …, aucun dans les N
 * prochains jours".
 */
export function availabilityText(
  availability: PublicAvailability,
  timeZone: string,
  t: Messages = fr,
): AvailabilityText {
  const words = t.availability;
  const nowMs = nowOf(availability);
  const checked = availability.age_s === null ? null : words.ago(availability.age_s);
  const stale = availability.freshness === 'stale';
  const failing = availability.error !== null;
  const failingSince = availability.failing_since ?? (failing ? availability.checked_at : null);
  const lastGood = availability.valid_at ? clockLabel(availability.valid_at, nowMs, timeZone, t) : null;
  const failure =
    failing && failingSince
      ? words.failingSince(clockLabel(failingSince, nowMs, timeZone, t), lastGood)
      : null;
  const freshness =
    failure ?? (checked === null ? null : stale ? words.stale(checked) : words.checked(checked));
  const nextDate = availability.next_slot ? slotDateLabel(availability.next_slot, timeZone, t) : null;

  if (availability.freshness === 'expired' && availability.valid_at) {
    const date = dateTimeFormat(t.intl, { timeZone, ...DAY_AND_TIME }).format(
      new Date(availability.valid_at),
    );
    return { tone: 'unknown', headline: words.unknown, next: null, freshness: words.expired(date) };
  }
  if (availability.status === 'unknown' && availability.valid_at && !failing) {
    // An honest answer that needed no request: the centre publishes no availability online.
    const headline =
      availability.reason === 'no_vaccination_motive' ? words.noVaccinationMotive : words.notPublished;
    return { tone: 'unknown', headline, next: null, freshness: null };
  }
  if (availability.freshness === 'unknown' || availability.status === 'unknown') {
    const why = failure ?? (failing ? words.providerDown : words.notYet);
    return { tone: 'unknown', headline: words.unknown, next: null, freshness: why };
  }
  if (availability.status === 'phone_only') {
    return { tone: stale ? 'stale' : 'phone', headline: words.phoneOnly, next: null, freshness };
  }
  if (availability.status === 'some' && availability.slot_count === 0 && availability.next_slot) {
    const headline = words.laterOnly(
      dayLabel(availability.next_slot, timeZone, t),
      availability.horizon_days ?? 14,
    );
    return {
      tone: stale ? 'stale' : 'slots',
      headline: stale ? words.toConfirm(headline) : headline,
      next: nextDate ? words.next(nextDate) : null,
      freshness,
    };
  }
  if (availability.status === 'some' && (availability.slot_count ?? 0) > 0) {
    const headline = words.slots(availability.slot_count ?? 0);
    return {
      tone: stale ? 'stale' : 'slots',
      headline: stale ? words.toConfirm(headline) : headline,
      next: nextDate ? words.next(nextDate) : null,
      freshness,
    };
  }
  const headline = availability.reason === 'no_vaccination_motive' ? words.noVaccinationMotive : words.none;
  return { tone: stale ? 'stale' : 'none', headline, next: null, freshness };
}
