import type { AdapterErrorKind, AvailabilityReason, AvailabilityStatus } from '../adapters/availability.ts';
import noOnlineBooking from '../adapters/no-online-booking.ts';
import phoneOnly from '../adapters/phone-only.ts';
import type { CentreState } from '../poller/centre-state.ts';
import { DEFAULT_EXPIRE_AFTER_S } from './knowledge-settings.ts';

/**
 * The one rule for what Créneau knows of a centre, which every output (API, pages, widgets, commune
 * sheets, CSV, ViteMaDose JSON, SMART publication, Atom alerts, statistics) reads:
 *
 * - `state`: `some` (a free slot is known: its count within the horizon may be 0 when only a later
 *   slot is known), `none` (the platform answered, nothing, no later slot), `phone_only`, `unknown`
 *   (never checked, no online data, or the last good value expired).
 * - `freshness` of the last success: `fresh`; `stale` (the last check failed, or the value is older
 *   than about two refresh intervals); `expired` (older than `expire_after_s`, default one hour: no
 *   longer counted as available anywhere); `unknown` when there never was a success.
 *
 * A failed poll never produces `none`: the poller keeps the last good value (then `stale`, with the
 * error), or there is none and the state is `unknown` with the error kind.
 */

export type KnownState = AvailabilityStatus;
export type Freshness = 'fresh' | 'stale' | 'expired' | 'unknown';

export interface KnowledgeLimits {
  /** Past this age, a last good value is `expired`. */
  expireAfterS: number;
}

export interface Knowledge {
  state: KnownState;
  freshness: Freshness;
  /** The status of the last good answer, even when it expired (null when there never was one). */
  lastStatus: KnownState | null;
  /** The last check's error kind (null after a success, or when never checked). */
  errorKind: AdapterErrorKind | null;
  /** Why a readable answer had nothing to count (`no_vaccination_motive`…). */
  reason: AvailabilityReason | null;
  lastSuccessAt: string | null;
  /** The last failed check (null when the last check succeeded). */
  lastFailureAt: string | null;
  /** The first of the failures in a row that are still going on (null when the last check succeeded). */
  failingSince: string | null;
  ageS: number | null;
  /** Counted as available (`state: some`): never for an expired value. */
  available: boolean;
  /** The last success read a source (a platform or feed), not only the registry (phone-only…). */
  sourceRead: boolean;
  /** Whether the counts of the last good value may be shown (a success that has not expired, with data). */
  countsKnown: boolean;
}

// The server entry and the pages Astro bundles are two copies of this module: the configured limit
// lives on globalThis so that both read the same one (cf. src/app/app-context.ts).
const LIMITS_KEY = Symbol.for('creneau.knowledge-limits');
type Holder = { [LIMITS_KEY]?: KnowledgeLimits };

/** Installs the configured limits (the server entry does, from `availability.expire_after_s`). */
export function configureKnowledge(settings: { expire_after_s: number }): void {
  (globalThis as Holder)[LIMITS_KEY] = { expireAfterS: settings.expire_after_s };
}

export function knowledgeLimits(): KnowledgeLimits {
  return (globalThis as Holder)[LIMITS_KEY] ?? { expireAfterS: DEFAULT_EXPIRE_AFTER_S };
}

/** One missed poll is normal, two are not: fresh while younger than twice the interval plus a minute. */
function olderThanTwoPolls(ageS: number, expectedIntervalS: number): boolean {
  return ageS > expectedIntervalS * 2 + 60;
}

const NOTHING: Knowledge = {
  state: 'unknown',
  freshness: 'unknown',
  lastStatus: null,
  errorKind: null,
  reason: null,
  lastSuccessAt: null,
  lastFailureAt: null,
  failingSince: null,
  ageS: null,
  available: false,
  countsKnown: false,
  sourceRead: false,
};

/** Adapters that answer from the registry alone: their "success" read no source. */
const OFFLINE_PROVIDERS: ReadonlySet<string> = new Set(
  [noOnlineBooking, phoneOnly].filter((adapter) => !adapter.makesRequests).map((adapter) => adapter.name),
);

export function knowledgeOf(
  state: CentreState | undefined,
  now: Date,
  limits: KnowledgeLimits = knowledgeLimits(),
): Knowledge {
  if (!state) return NOTHING;
  const failing = state.last_error !== null;
  const failures = {
    errorKind: state.last_error?.kind ?? null,
    lastFailureAt: failing ? state.checked_at : null,
    failingSince: failing ? (state.failing_since ?? state.checked_at) : null,
  };
  const good = state.availability;
  if (!good || !state.valid_at) return { ...NOTHING, ...failures };
  const ageS = Math.max(0, Math.round((now.getTime() - Date.parse(state.valid_at)) / 1000));
  const freshness: Freshness =
    ageS > limits.expireAfterS
      ? 'expired'
      : failing || olderThanTwoPolls(ageS, state.expected_interval_s)
        ? 'stale'
        : 'fresh';
  const expired = freshness === 'expired';
  const stateNow: KnownState = expired ? 'unknown' : good.status;
  return {
    state: stateNow,
    freshness,
    lastStatus: good.status,
    ...failures,
    reason: good.reason ?? null,
    lastSuccessAt: state.valid_at,
    ageS,
    available: stateNow === 'some',
    countsKnown: !expired && (good.status === 'some' || good.status === 'none'),
    sourceRead: !OFFLINE_PROVIDERS.has(good.provider),
  };
}
