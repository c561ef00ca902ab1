import { hasSlots, type PublicAvailability } from '../availability/public-availability.ts';

/** How a row reads at a glance; `unknown` is never shown as 0, `stale` keeps its counts but says so. */
export type BoardState = 'slots' | 'none' | 'phone' | 'unknown' | 'stale';

export interface BoardAvailability {
  state: BoardState;
  /** One per board day: the count, or null when not known (not checked, beyond the provider's horizon). */
  days: Array<number | null>;
  /** Free slots over the horizon, or null when not known. */
  total: number | null;
  hasSlots: boolean;
  nextSlot: string | null;
  /** Seconds since the last successful check, or null when never checked. */
  ageS: number | null;
  stale: boolean;
}

/**
 * The one place the board reads the public availability view (src/availability/public-availability.ts):
 * when the availability rule changes, this function is what follows it. Counts are shown only when the
 * view says they are known; a day past the provider's horizon is unknown, not empty.
 */
export function boardAvailability(
  availability: PublicAvailability,
  days: readonly string[],
): BoardAvailability {
  const stale = availability.freshness === 'stale';
  const phone = availability.status === 'phone_only';
  const countsKnown =
    !phone &&
    (availability.status === 'some' || availability.status === 'none') &&
    availability.per_day !== null;
  const perDay = availability.per_day ?? {};
  const horizon = availability.horizon_days;
  const cells = days.map((day, index) => {
    if (!countsKnown) return null;
    if (horizon !== null && index >= horizon) return null;
    return perDay[day] ?? 0;
  });
  const slots = hasSlots(availability);
  const state: BoardState = phone
    ? 'phone'
    : !countsKnown
      ? 'unknown'
      : stale
        ? 'stale'
        : (availability.slot_count ?? 0) > 0 || availability.next_slot
          ? 'slots'
          : 'none';
  return {
    state,
    days: cells,
    total: countsKnown ? (availability.slot_count ?? null) : null,
    hasSlots: slots,
    nextSlot: countsKnown ? availability.next_slot : null,
    ageS: availability.age_s,
    stale,
  };
}
