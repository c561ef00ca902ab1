import type { AdapterError, Availability, Dose } from '../adapters/availability.ts';
import type { CentreState } from '../poller/centre-state.ts';

export type Freshness = 'fresh' | 'stale' | 'unknown';

/**
 * A centre's availability as the API and pages show it: the adapters' model plus when it was
 * tried (`checked_at`), when it was last true (`valid_at`), its age and a freshness verdict.
 * A stale value stays marked stale; a failure shows as `unknown` with its error, never as 0 slots.
 */
export interface PublicAvailability {
  status: Availability['status'];
  next_slot: string | null;
  slot_count: number;
  per_day: Record<string, number>;
  per_dose: Record<Dose, number>;
  per_vaccine: Record<string, number>;
  booking_phone: string | null;
  horizon_days: number | null;
  provider: string | null;
  checked_at: string | null;
  valid_at: string | null;
  changed_at: string | null;
  age_s: number | null;
  freshness: Freshness;
  /** The last poll's error (the values above are then the last good ones, if any). */
  error: AdapterError | null;
}

/**
 * A value is fresh while younger than twice its expected refresh interval plus a minute of grace:
 * one missed poll is normal, two are not.
 */
export function freshnessOf(
  state: Pick<CentreState, 'valid_at' | 'expected_interval_s'>,
  now: Date,
): Freshness {
  if (!state.valid_at) return 'unknown';
  const ageS = (now.getTime() - Date.parse(state.valid_at)) / 1000;
  return ageS <= state.expected_interval_s * 2 + 60 ? 'fresh' : 'stale';
}

const NOTHING_KNOWN: PublicAvailability = {
  status: 'unknown',
  next_slot: null,
  slot_count: 0,
  per_day: {},
  per_dose: { first: 0, second: 0, booster: 0, unknown: 0 },
  per_vaccine: {},
  booking_phone: null,
  horizon_days: null,
  provider: null,
  checked_at: null,
  valid_at: null,
  changed_at: null,
  age_s: null,
  freshness: 'unknown',
  error: null,
};

export function publicAvailability(state: CentreState | undefined, now: Date): PublicAvailability {
  if (!state) return NOTHING_KNOWN;
  const good = state.availability;
  const times = {
    provider: state.provider,
    checked_at: state.checked_at,
    valid_at: state.valid_at,
    changed_at: state.changed_at,
    age_s: state.valid_at
      ? Math.max(0, Math.round((now.getTime() - Date.parse(state.valid_at)) / 1000))
      : null,
    freshness: freshnessOf(state, now),
    error: state.last_error,
  };
  if (!good) return { ...NOTHING_KNOWN, ...times };
  return {
    status: good.status,
    next_slot: good.next_slot,
    slot_count: good.slot_count,
    per_day: good.per_day,
    per_dose: good.per_dose,
    per_vaccine: good.per_vaccine,
    booking_phone: good.booking_phone,
    horizon_days: good.horizon_days,
    ...times,
  };
}

/** Slots a person can act on now: the provider said so and we are not showing an old answer. */
export function hasSlots(availability: PublicAvailability): boolean {
  return availability.status === 'some' && availability.slot_count > 0;
}
