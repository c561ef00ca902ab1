import { z } from 'zod';

export const Dose = z.enum(['first', 'second', 'booster', 'unknown']);
export type Dose = z.infer<typeof Dose>;
export const DOSES = Dose.options;

export const AdapterErrorKind = z.enum([
  'unreachable',
  'timeout',
  'blocked',
  'rate_limited',
  'bad_response',
  'not_found',
]);
export type AdapterErrorKind = z.infer<typeof AdapterErrorKind>;

export const AdapterError = z.object({
  kind: AdapterErrorKind,
  message: z.string(),
  /** From the provider's `Retry-After`, in seconds, when it said how long to wait. */
  retry_after_s: z.number().nonnegative().optional(),
});
export type AdapterError = z.infer<typeof AdapterError>;

const instant = z.iso.datetime({ offset: true });
const localDate = z.iso.date();
const count = z.int().nonnegative();

/**
 * What an adapter says about one centre at one moment: the public contract between adapters, the
 * poller, the cache and the API. `status` is explicit (SMART Scheduling Links style): a failure is
 * `unknown` with its `error`, never a silent 0 slots.
 */
export const Availability = z.object({
  /** The adapter that produced it. */
  provider: z.string(),
  status: z.enum(['some', 'none', 'phone_only', 'unknown']),
  /** Earliest free slot the provider showed, even beyond the horizon (null when none is known). */
  next_slot: instant.nullable(),
  /** Free slots in [checked_at, checked_at + horizon_days), each counted once. */
  slot_count: count,
  /** Slot counts per day in the centre's own time zone. */
  per_day: z.record(localDate, count),
  per_dose: z.record(Dose, count),
  /** Counts per vaccine, only for slots whose provider named the vaccine. */
  per_vaccine: z.record(z.string(), count),
  booking_url: z.url().nullable(),
  /** A number to call, when the provider gives one (SMART booking-phone, Keldoc phone-only answers). */
  booking_phone: z.string().nullable(),
  checked_at: instant,
  horizon_days: z.int().positive(),
  error: AdapterError.nullable(),
  /**
   * Why a readable answer holds no slot to count (`none` or `unknown`): e.g. the booking lists no
   * COVID vaccination motive. Absent on older records.
   */
  reason: z.enum(['no_vaccination_motive']).nullable().optional(),
  /** Free slots starting within 24 hours of `checked_at` (absent on older records). */
  next_24h: count.optional(),
  /** Per day (centre's time zone): slots starting before 12:00, 12:00–18:00, from 18:00. */
  per_day_period: z
    .record(localDate, z.object({ morning: count, afternoon: count, evening: count }))
    .optional(),
  /**
   * Days between the first and the second injection, as the platform states it for the first-dose
   * slots counted (Maiia's `nextAppointmentDelayInDays`, the second step of Doctolib's chained
   * first-shot slots); null or absent when it does not say (src/pairs/second-dose.ts falls back on
   * the vaccine's documented interval).
   */
  second_dose_delay_days: z.int().positive().max(365).nullable().optional(),
});
export type Availability = z.infer<typeof Availability>;
export type AvailabilityReason = NonNullable<Availability['reason']>;
export type DayPeriods = { morning: number; afternoon: number; evening: number };
export type AvailabilityStatus = Availability['status'];

export function emptyPerDose(): Record<Dose, number> {
  return { first: 0, second: 0, booster: 0, unknown: 0 };
}
