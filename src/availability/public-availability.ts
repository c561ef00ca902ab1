import type {
  AdapterError,
  AdapterErrorKind,
  Availability,
  AvailabilityReason,
  DayPeriods,
  Dose,
} from '../adapters/availability.ts';
import type { CentreState } from '../poller/centre-state.ts';
import { type Freshness, type KnowledgeLimits, type KnownState, knowledgeOf } from './knowledge.ts';

export type { Freshness } from './knowledge.ts';

/**
 * A centre's availability as the API and pages show it, built from the one rule of
 * `knowledge.ts`: the adapters' model plus when it was tried (`checked_at`), when it was last true
 * (`valid_at`), its age and freshness. Counts are `null` when unknown, never an invented 0.
 */
export interface PublicAvailability {
  /** What Créneau knows now: an expired last value is `unknown` (see `last_status`). */
  status: KnownState;
  next_slot: string | null;
  /** Free slots within the horizon; 0 with a `next_slot` when only a later slot is known; null when unknown. */
  slot_count: number | null;
  /** Free slots starting within 24 hours of the check; null when unknown. */
  next_24h: number | null;
  per_day: Record<string, number> | null;
  /** Per day, slots in the morning (< 12 h), afternoon (12–18 h) and evening (≥ 18 h), centre's local time. */
  per_day_period: Record<string, DayPeriods> | null;
  /** Days to the second injection as the platform states it for first-dose slots; null when it does not say. */
  second_dose_delay_days: number | null;
  per_dose: Record<Dose, number> | null;
  per_vaccine: Record<string, number> | null;
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
  /** `error.kind`, or null. */
  error_kind: AdapterErrorKind | null;
  /** The last good answer's status, even when expired; null when there never was one. */
  last_status: KnownState | null;
  /** When the failures in a row still going on started; null when the last check succeeded. */
  failing_since: string | null;
  /** Why a readable answer held nothing to count (`no_vaccination_motive`). */
  reason: AvailabilityReason | null;
  /** Counted as available everywhere (`status: some`, not expired). */
  available: boolean;
  /** The last success read a platform or feed (false for registry-only answers such as phone-only). */
  source_read: boolean;
}

const NOTHING_KNOWN: PublicAvailability = {
  status: 'unknown',
  next_slot: null,
  slot_count: null,
  next_24h: null,
  per_day: null,
  per_day_period: null,
  second_dose_delay_days: null,
  per_dose: null,
  per_vaccine: null,
  booking_phone: null,
  horizon_days: null,
  provider: null,
  checked_at: null,
  valid_at: null,
  changed_at: null,
  age_s: null,
  freshness: 'unknown',
  error: null,
  error_kind: null,
  last_status: null,
  failing_since: null,
  reason: null,
  available: false,
  source_read: false,
};

function counts(good: Availability) {
  return {
    next_slot: good.next_slot,
    slot_count: good.slot_count,
    next_24h: good.next_24h ?? null,
    per_day: good.per_day,
    per_day_period: good.per_day_period ?? null,
    second_dose_delay_days: good.second_dose_delay_days ?? null,
    per_dose: good.per_dose,
    per_vaccine: good.per_vaccine,
  };
}

export function publicAvailability(
  state: CentreState | undefined,
  now: Date,
  limits?: KnowledgeLimits,
): PublicAvailability {
  if (!state) return NOTHING_KNOWN;
  const known = knowledgeOf(state, now, limits);
  const good = state.availability;
  const shown = {
    ...NOTHING_KNOWN,
    status: known.state,
    provider: state.provider,
    checked_at: state.checked_at,
    valid_at: state.valid_at,
    changed_at: state.changed_at,
    age_s: known.ageS,
    freshness: known.freshness,
    error: state.last_error,
    error_kind: known.errorKind,
    last_status: known.lastStatus,
    failing_since: known.failingSince,
    reason: known.reason,
    available: known.available,
    source_read: known.sourceRead,
  };
  if (!good) return shown;
  return {
    ...shown,
    ...(known.countsKnown ? counts(good) : {}),
    booking_phone: good.booking_phone,
    horizon_days: good.horizon_days,
  };
}

/** Slots a person can act on within the horizon: known, not expired, at least one. */
export function hasSlots(
  availability: PublicAvailability,
): availability is PublicAvailability & { slot_count: number } {
  return availability.available && availability.slot_count !== null && availability.slot_count > 0;
}

/** Kept for callers that asked the old question: the freshness verdict alone. */
export function freshnessOf(state: CentreState | undefined, now: Date, limits?: KnowledgeLimits): Freshness {
  return knowledgeOf(state, now, limits).freshness;
}
