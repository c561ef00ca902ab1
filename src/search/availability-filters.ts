import { z } from 'zod';
import type { AvailabilityView } from '../availability/availability-view.ts';
import {
  hasSlots,
  type PublicAvailability,
  publicAvailability,
} from '../availability/public-availability.ts';
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
  sort?: z.infer<typeof SortOrder>;
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
