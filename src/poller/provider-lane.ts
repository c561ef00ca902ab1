import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { Availability } from '../adapters/availability.ts';
import {
  type AdapterContext,
  createAdapterContext,
  defaultFetch,
  type FetchLike,
  startingTimeouts,
  startsTimeouts,
} from '../adapters/context.ts';
import type { Adapter } from '../adapters/define-adapter.ts';
import { parseRetryAfter } from '../adapters/http.ts';
import type { PollerSettings } from '../config/poller-settings.ts';
import { ProviderSettings, type ProviderSettingsInput } from '../config/provider-settings.ts';
import type { Centre } from '../registry/centre.ts';
import { backoffDelayMs, isRetryable } from './backoff.ts';
import type { HeldBack } from './centre-state.ts';
import { type BreakerState, type CircuitBreaker, createCircuitBreaker } from './circuit-breaker.ts';
import { type PollerClock, sleep } from './clock.ts';
import { createStatsRecorder, type ProviderStats, type StatsRecorder } from './provider-stats.ts';

export type PollResult =
  | { kind: 'polled'; availability: Availability }
  | { kind: 'held'; held: HeldBack }
  | { kind: 'aborted' };

export interface LaneInit {
  adapter: Adapter;
  settings: ProviderSettingsInput | undefined;
  config: PollerSettings;
  clock: PollerClock;
  random: () => number;
  fetch: FetchLike | undefined;
  logger: Logger;
  signal: AbortSignal;
  centres: () => readonly Centre[];
  onBreakerChange: (lane: ProviderLane, from: BreakerState, to: BreakerState) => void;
}

/** How long centres refused during a half-open probe wait before asking again. */
const PROBE_WAIT_MS = 2000;

/**
 * Everything about one provider: its adapter context, its queues (centres in flight, and requests
 * under its rate limit), its circuit breaker, its `Retry-After` pause and its statistics. Lanes share
 * nothing, so one provider's slowness or outage never delays another.
 */
export function createProviderLane(init: LaneInit) {
  const { adapter, config, clock } = init;
  const stats: StatsRecorder = createStatsRecorder(() => clock.now());
  const baseFetch = startingTimeouts(init.fetch ?? defaultFetch());
  let pausedUntil = 0;
  /** The status that asked for the pause (429 or 503), for `/statut`. */
  let pausedStatus: number | null = null;
  let pauseTimer: unknown;
  let waitAnswers = 0;
  let centresCovered = 0;

  const settings = ProviderSettings.parse(init.settings ?? {});
  const requestQueue = new PQueue({
    concurrency: settings.concurrency,
    intervalCap: settings.rate_limit.requests,
    interval: settings.rate_limit.per_seconds * 1000,
  });
  /**
   * While the provider has us wait (`Retry-After`), requests are not sent, nor queued where their
   * timeout would run out: they get the provider's own answer again, a 429 saying how long is left.
   */
  const stillWaiting = (): Response => {
    waitAnswers++;
    const seconds = Math.max(1, Math.ceil((pausedUntil - clock.now()) / 1000));
    return new Response(null, { status: 429, headers: { 'retry-after': String(seconds) } });
  };
  const fetch: FetchLike = startsTimeouts((input, requestInit) => {
    if (pausedUntil > clock.now()) return Promise.resolve(stillWaiting());
    return requestQueue.add(
      async () => {
        if (pausedUntil > clock.now()) return stillWaiting();
        const started = performance.now();
        try {
          const response = await baseFetch(input, requestInit);
          stats.request(response.ok || response.status === 304, performance.now() - started);
          if (response.status === 429 || response.status === 503) {
            const seconds = parseRetryAfter(response.headers.get('retry-after'), new Date(clock.now()));
            if (seconds !== undefined) pause(seconds, response.status);
          }
          return response;
        } catch (error) {
          stats.request(false, performance.now() - started);
          throw error;
        }
      },
      requestInit?.signal ? { signal: requestInit.signal } : {},
    );
  });
  const ctx: AdapterContext = createAdapterContext(adapter, {
    settings,
    fetch,
    rateLimit: false,
    logger: init.logger,
    signal: init.signal,
    now: () => new Date(clock.now()),
    centres: init.centres,
  });
  const centreQueue = new PQueue({ concurrency: settings.concurrency });

  const lane = {
    name: adapter.name,
    adapter,
    ctx,
    settings: ctx.settings,
    stats,
    centreQueue,
    breaker: undefined as unknown as CircuitBreaker,
    /** Runs one centre's poll in this lane: queued behind its concurrency, refused while the breaker is open. */
    schedule(centre: Centre): Promise<PollResult> {
      return centreQueue
        .add(() => poll(centre), { signal: init.signal })
        .catch((error: unknown) => {
          if (init.signal.aborted) return { kind: 'aborted' } as const;
          throw error;
        });
    },
    setCentresCovered(count: number) {
      centresCovered = count;
    },
    pausedUntil: () => (pausedUntil > clock.now() ? pausedUntil : null),
    summary(): ProviderStats {
      const perMinute = (settings.rate_limit.requests / settings.rate_limit.per_seconds) * 60;
      const paused = lane.pausedUntil();
      return {
        provider: adapter.name,
        enabled: settings.enabled,
        breaker: lane.breaker.snapshot(),
        centres: centresCovered,
        ...stats.summary(),
        rate_limit_per_minute: perMinute,
        paused_until: paused === null ? null : new Date(paused).toISOString(),
        paused_status: paused === null ? null : pausedStatus,
        updated_at: new Date(clock.now()).toISOString(),
      };
    },
    /** Ends a `Retry-After` pause early (stop). */
    resume() {
      clock.clearTimeout(pauseTimer);
      pausedUntil = 0;
      requestQueue.start();
      centreQueue.start();
    },
  };
  lane.breaker = createCircuitBreaker(
    config.breaker,
    () => clock.now(),
    (from, to, reason) => {
      init.logger.warn({ provider: adapter.name, from, to, reason }, 'circuit breaker');
      init.onBreakerChange(lane, from, to);
    },
  );
  const breaker = lane.breaker;

  /** Honours `Retry-After`: no request to this provider until then (capped by `max_retry_after_s`). */
  function pause(seconds: number, status: number): void {
    const until = clock.now() + Math.min(seconds, config.max_retry_after_s) * 1000;
    if (until <= pausedUntil) return;
    pausedUntil = until;
    pausedStatus = status;
    centreQueue.pause();
    clock.clearTimeout(pauseTimer);
    pauseTimer = clock.setTimeout(() => lane.resume(), until - clock.now());
    init.logger.info(
      { provider: adapter.name, until: new Date(until).toISOString() },
      'provider asked us to wait',
    );
  }

  function heldBack(): PollResult {
    if (!settings.enabled) return { kind: 'held', held: { reason: 'provider_disabled', until: null } };
    const at = breaker.state() === 'half_open' ? clock.now() + PROBE_WAIT_MS : breaker.retryAt();
    return { kind: 'held', held: { reason: 'circuit_open', until: new Date(at).toISOString() } };
  }

  async function attempt(centre: Centre): Promise<PollResult | 'refused'> {
    if (!breaker.tryAcquire()) return 'refused';
    const waitAnswersBefore = waitAnswers;
    let availability: Availability;
    try {
      availability = await adapter.fetchAvailability(centre, ctx);
    } catch (error) {
      breaker.release();
      if (init.signal.aborted) return { kind: 'aborted' };
      throw error;
    }
    const error = availability.error;
    // Our own "still waiting" answers say nothing new about the provider's health.
    if (error && waitAnswers !== waitAnswersBefore && error.kind === 'rate_limited') breaker.release();
    else if (error && error.kind !== 'not_found') breaker.failure();
    else breaker.success();
    return { kind: 'polled', availability };
  }

  async function poll(centre: Centre): Promise<PollResult> {
    if (init.signal.aborted) return { kind: 'aborted' };
    if (!settings.enabled) return heldBack();
    if (!adapter.makesRequests)
      return { kind: 'polled', availability: await adapter.fetchAvailability(centre, ctx) };
    let result: PollResult | 'refused' = 'refused';
    for (let n = 1; n <= config.retry.attempts; n++) {
      const outcome = await attempt(centre);
      if (outcome === 'refused') break;
      result = outcome;
      if (outcome.kind !== 'polled' || !outcome.availability.error) break;
      if (!isRetryable(outcome.availability.error.kind) || n === config.retry.attempts) break;
      // After a Retry-After, the retry goes when the provider said, not before.
      const delay = Math.max(backoffDelayMs(n, config.retry, init.random), pausedUntil - clock.now());
      try {
        await sleep(clock, delay, init.signal);
      } catch {
        return { kind: 'aborted' };
      }
    }
    if (result === 'refused') return heldBack();
    if (result.kind === 'polled') stats.poll(result.availability.error?.kind ?? null);
    return result;
  }

  return lane;
}
export type ProviderLane = ReturnType<typeof createProviderLane>;
