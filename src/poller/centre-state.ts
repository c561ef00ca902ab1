import { z } from 'zod';
import { AdapterError, Availability } from '../adapters/availability.ts';

const instant = z.iso.datetime({ offset: true });

/** Why a centre was not requested when it was due. */
export const HeldBack = z.object({
  reason: z.enum(['circuit_open', 'provider_disabled']),
  /** When the poller will try again (the breaker's half-open time), if known. */
  until: instant.nullable(),
});
export type HeldBack = z.infer<typeof HeldBack>;

/**
 * What the poller knows of one centre, stored at `availability:<centre_id>`: the last GOOD availability
 * (kept when a poll fails), when it was tried, when it last succeeded and last changed, and why it failed.
 * The API derives `age_s` and `fresh | stale | unknown` from `valid_at` and `expected_interval_s`.
 */
export const CentreState = z.object({
  centre_id: z.string(),
  /** The adapter that polls it (`doctolib`, `smart`, `phone-only`…). */
  provider: z.string(),
  /** The last good availability; null until a poll succeeds. Never replaced by a failed poll. */
  availability: Availability.nullable(),
  /** Last attempt (null when never tried, e.g. held back since start). */
  checked_at: instant.nullable(),
  /** Last successful poll. */
  valid_at: instant.nullable(),
  /** Last change of what we show (status, slots, next slot, per dose/day/vaccine, links), not of `checked_at`. */
  changed_at: instant.nullable(),
  /** The last poll's error; null after a success. */
  last_error: AdapterError.nullable(),
  /** The first failed poll of the failures in a row still going on; null after a success (absent on older records). */
  failing_since: instant.nullable().optional(),
  consecutive_failures: z.int().nonnegative(),
  /** Set while the centre is due but not requested (its provider's breaker is open). */
  held_back: HeldBack.nullable(),
  next_due_at: instant,
  /** The centre's refresh interval: a value older than about this is stale. */
  expected_interval_s: z.number().positive(),
});
export type CentreState = z.infer<typeof CentreState>;

export const AVAILABILITY_KEY_PREFIX = 'availability:';
/** Bumped (a number, strictly increasing) after every batch of record writes. */
export const AVAILABILITY_VERSION_KEY = 'availability:version';
export const PROVIDER_KEY_PREFIX = 'provider:';

export function availabilityKey(centreId: string): string {
  return `${AVAILABILITY_KEY_PREFIX}${centreId}`;
}

export function providerKey(provider: string): string {
  return `${PROVIDER_KEY_PREFIX}${provider}`;
}

/** The parts of an availability a visitor sees; `checked_at` and `error` are about the poll, not the centre. */
function shown(availability: Availability): unknown {
  const { checked_at: _checked, error: _error, ...rest } = availability;
  return rest;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

export function shownChanged(before: Availability | null, after: Availability): boolean {
  return before === null || canonical(shown(before)) !== canonical(shown(after));
}

export interface Outcome {
  availability: Availability;
  at: Date;
  nextDueAt: Date;
  expectedIntervalS: number;
}

/** The record after a poll: a success replaces the availability, a failure only notes the error. */
export function recordPoll(previous: CentreState, outcome: Outcome): CentreState {
  const at = outcome.at.toISOString();
  const { availability } = outcome;
  const schedule = {
    held_back: null,
    next_due_at: outcome.nextDueAt.toISOString(),
    expected_interval_s: outcome.expectedIntervalS,
  };
  if (availability.error) {
    return {
      ...previous,
      ...schedule,
      provider: availability.provider,
      checked_at: at,
      last_error: availability.error,
      failing_since: previous.last_error ? (previous.failing_since ?? previous.checked_at ?? at) : at,
      consecutive_failures: previous.consecutive_failures + 1,
    };
  }
  return {
    ...previous,
    ...schedule,
    provider: availability.provider,
    availability,
    checked_at: at,
    valid_at: at,
    changed_at: shownChanged(previous.availability, availability) ? at : previous.changed_at,
    last_error: null,
    failing_since: null,
    consecutive_failures: 0,
  };
}

export function initialState(
  centreId: string,
  provider: string,
  nextDueAt: Date,
  intervalS: number,
): CentreState {
  return {
    centre_id: centreId,
    provider,
    availability: null,
    checked_at: null,
    valid_at: null,
    changed_at: null,
    last_error: null,
    consecutive_failures: 0,
    held_back: null,
    next_due_at: nextDueAt.toISOString(),
    expected_interval_s: intervalS,
  };
}
