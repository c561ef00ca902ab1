import type { DayPeriods } from '../adapters/availability.ts';
import { hasSlots, type PublicAvailability } from '../availability/public-availability.ts';

/** Morning (before 12:00), afternoon (12:00–18:00) or evening (from 18:00), the centre's own time. */
export type HalfDay = keyof DayPeriods;
export const HALF_DAYS: readonly HalfDay[] = ['morning', 'afternoon', 'evening'];

/** One day and half-day of a centre with enough free slots for two people to come together. */
export interface PairSlot {
  /** `YYYY-MM-DD`, the centre's local day. */
  date: string;
  period: HalfDay;
  slots: number;
}

/** Two people booking together: two slots in the same half-day of the same day. */
export const PEOPLE = 2;

/**
 * Every (day, half-day) showing at least two free slots, earliest first, from the adapters'
 * `per_day_period` (issue 15, point 4). Nothing when the slots are not known now (expired, failed
 * with no good value, phone-only) or an older record has no periods: "pour deux" never guesses.
 */
export function pairSlots(availability: PublicAvailability): PairSlot[] {
  if (!hasSlots(availability)) return [];
  const pairs: PairSlot[] = [];
  const days = Object.entries(availability.per_day_period ?? {}).sort(([a], [b]) => a.localeCompare(b));
  for (const [date, periods] of days)
    for (const period of HALF_DAYS)
      if (periods[period] >= PEOPLE) pairs.push({ date, period, slots: periods[period] });
  return pairs;
}

/** The earliest day and half-day two people can book together, or null. */
export function firstPairSlot(availability: PublicAvailability): PairSlot | null {
  return pairSlots(availability)[0] ?? null;
}
