import type { PollerSettings } from '../config/poller-settings.ts';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerSnapshot {
  state: BreakerState;
  /** When it last opened (ISO), null while it has never opened since it last closed. */
  opened_at: string | null;
  /** When an open breaker lets a probe through (ISO). */
  probe_at: string | null;
  consecutive_failures: number;
  /** Why it opened: `5 consecutive failures`, `12/20 failed in 60 s`. */
  reason: string | null;
}

export interface CircuitBreaker {
  state(): BreakerState;
  /**
   * Whether a call may go to the provider now. Half-open lets exactly one probe through: the caller
   * that got `true` must report its outcome (`success`, `failure` or `release` when it gave up).
   */
  tryAcquire(): boolean;
  success(): void;
  failure(): void;
  /** A probe that ended without a verdict (aborted): let the next one try. */
  release(): void;
  /** When a call refused now could be tried again (ms since epoch). */
  retryAt(): number;
  snapshot(): BreakerSnapshot;
}

/**
 * One provider's circuit breaker: closed → open after N consecutive failures or an error rate over
 * a window → half-open after a cool-down, where one probe decides: success closes, failure reopens.
 */
export function createCircuitBreaker(
  options: PollerSettings['breaker'],
  now: () => number,
  onChange: (from: BreakerState, to: BreakerState, reason: string | null) => void = () => {},
): CircuitBreaker {
  let openedAt: number | null = null;
  let reason: string | null = null;
  let consecutive = 0;
  let probing = false;
  let outcomes: Array<{ at: number; ok: boolean }> = [];
  const coolDownMs = options.cool_down_s * 1000;

  function state(): BreakerState {
    if (openedAt === null) return 'closed';
    return now() >= openedAt + coolDownMs ? 'half_open' : 'open';
  }

  function open(why: string): void {
    const from = state();
    openedAt = now();
    reason = why;
    probing = false;
    outcomes = [];
    onChange(from, 'open', why);
  }

  function close(): void {
    const from = state();
    openedAt = null;
    reason = null;
    probing = false;
    consecutive = 0;
    outcomes = [];
    onChange(from, 'closed', null);
  }

  function record(ok: boolean): void {
    const at = now();
    outcomes.push({ at, ok });
    const since = at - options.window_s * 1000;
    while (outcomes.length > 0 && (outcomes[0]?.at ?? at) < since) outcomes.shift();
  }

  return {
    state,
    tryAcquire() {
      const current = state();
      if (current === 'closed') return true;
      if (current === 'open' || probing) return false;
      probing = true;
      return true;
    },
    success() {
      const current = state();
      if (current === 'half_open') {
        if (probing) close();
        return;
      }
      // A late answer to a call made before the breaker opened says nothing about now.
      if (current === 'open') return;
      consecutive = 0;
      record(true);
    },
    failure() {
      const current = state();
      if (current === 'half_open') {
        if (probing) open('the probe failed');
        return;
      }
      if (current === 'open') return;
      consecutive++;
      record(false);
      const failed = outcomes.filter((o) => !o.ok).length;
      if (consecutive >= options.consecutive_failures) open(`${consecutive} consecutive failures`);
      else if (outcomes.length >= options.min_requests && failed / outcomes.length >= options.error_rate)
        open(`${failed}/${outcomes.length} failed in ${options.window_s} s`);
    },
    release() {
      probing = false;
    },
    retryAt() {
      return openedAt === null ? now() : Math.max(now(), openedAt + coolDownMs);
    },
    snapshot() {
      return {
        state: state(),
        opened_at: openedAt === null ? null : new Date(openedAt).toISOString(),
        probe_at: openedAt === null ? null : new Date(openedAt + coolDownMs).toISOString(),
        consecutive_failures: consecutive,
        reason,
      };
    },
  };
}
