import { z } from 'zod';
import type { AvailabilityView } from '../availability/availability-view.ts';
import {
  hasSlots,
  type PublicAvailability,
  publicAvailability,
} from '../availability/public-availability.ts';
import { firstPairSlot } from '../pairs/pair-slots.ts';
import type { BookingPlatform } from '../registry/centre.ts';
import type { SearchHit } from './find-centres.ts';

export const DoseFilter = z.enum(['first', 'second', 'booster'], {
  error: 'expected first, second or booster',
});
export const SortOrder = z.enum(['distance', 'next_slot', 'slots_first'], {
  error: 'expected distance, next_slot or slots_first',
});

export interface AvailabilityFilters {
  /** Only centres showing slots now. */
  available?: boolean;
  dose?: z.infer<typeof DoseFilter>;
  /** Vaccine name as providers give it (`Pfizer-BioNTech`, `Moderna`…), case-insensitive. */
  vaccine?: string;
  platform?: BookingPlatform;
  /** Only centres with a free slot starting within 24 hours ("dans les 24 h"). */
  within24h?: boolean;
  /** Only centres with a free slot from 18:00, or on a Saturday or Sunday ("le soir ou le week-end"). */
  eveningOrWeekend?: boolean;
  /** Only centres with two free slots on the same day and half-day ("pour deux personnes", src/pairs). */
  forTwo?: boolean;
  sort?: z.infer<typeof SortOrder>;
}

/** A free slot within 24 hours of the check, among what is known and not expired. */
export function hasSlotWithin24h(availability: PublicAvailability): boolean {
  return hasSlots(availability) && (availability.next_24h ?? 0) > 0;
}

/** `YYYY-MM-DD` is a Saturday or a Sunday (calendar arithmetic, no zone involved). */
function isWeekend(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * A free slot in the evening (from 18:00, the centre's own time) or on a weekend day: for people
 * who work. Per-day periods come from the adapters (`per_day_period`); older records without them
 * can still answer for weekends from `per_day`.
 */
export function hasEveningOrWeekendSlot(availability: PublicAvailability): boolean {
  if (!hasSlots(availability)) return false;
  const periods = availability.per_day_period ?? {};
  if (Object.values(periods).some((day) => day.evening > 0)) return true;
  return Object.entries(availability.per_day ?? {}).some(([date, count]) => count > 0 && isWeekend(date));
}

export interface RankedHit extends SearchHit {
  availability: PublicAvailability;
}

function matches(hit: RankedHit, filters: AvailabilityFilters): boolean {
  const { availability, centre } = hit;
  if (filters.available && !hasSlots(availability)) return false;
  if (filters.dose && !(availability.available && (availability.per_dose?.[filters.dose] ?? 0) > 0))
    return false;
  if (filters.vaccine) {
    const wanted = filters.vaccine.toLowerCase();
    const offered = Object.entries(availability.available ? (availability.per_vaccine ?? {}) : {}).some(
      ([name, count]) => count > 0 && name.toLowerCase() === wanted,
    );
    if (!offered) return false;
  }
  if (filters.platform && centre.booking.platform !== filters.platform) return false;
  if (filters.within24h && !hasSlotWithin24h(availability)) return false;
  if (filters.eveningOrWeekend && !hasEveningOrWeekendSlot(availability)) return false;
  if (filters.forTwo && !firstPairSlot(availability)) return false;
  return true;
}

const byDistance = (a: SearchHit, b: SearchHit) =>
  (a.distance_km ?? Number.POSITIVE_INFINITY) - (b.distance_km ?? Number.POSITIVE_INFINITY);

const nextSlotTime = (hit: RankedHit) =>
  hasSlots(hit.availability) && hit.availability.next_slot
    ? Date.parse(hit.availability.next_slot)
    : Number.POSITIVE_INFINITY;

/**
 * Joins search hits (already nearest first) with their availability, filters, and orders them:
 * by distance; by next slot (centres without a slot after, nearest first); or slots first, then distance.
 */
export function rankHits(
  hits: readonly SearchHit[],
  view: Pick<AvailabilityView, 'state'>,
  now: Date,
  filters: AvailabilityFilters = {},
): RankedHit[] {
  const ranked = hits
    .map((hit) => ({ ...hit, availability: publicAvailability(view.state(hit.centre.id), now) }))
    .filter((hit) => matches(hit, filters));
  switch (filters.sort ?? 'distance') {
    case 'distance':
      return ranked;
    case 'next_slot':
      return ranked.sort((a, b) => nextSlotTime(a) - nextSlotTime(b) || byDistance(a, b));
    case 'slots_first':
      return ranked.sort(
        (a, b) => Number(hasSlots(b.availability)) - Number(hasSlots(a.availability)) || byDistance(a, b),
      );
  }
}
