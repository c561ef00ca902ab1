import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Where the gate reads the event loop's lag from: the process's own monitor, or a test's value. */
export interface LagSource {
  lagMs(): number;
  stop(): void;
}

/**
 * The event loop's recent lag: the median of its delay over the last second, measured by Node's
 * histogram (no timer of ours drifting). The median, not a high percentile: one long garbage
 * collection or a start-up's synchronous work is no overload; a loop behind most of a second is.
 * Between windows the last window's figure stands.
 */
export function eventLoopLag(windowMs = 1_000): LagSource {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let last = 0;
  const timer = setInterval(() => {
    last = histogram.count > 0 ? histogram.percentile(50) / 1e6 : 0;
    histogram.reset();
  }, windowMs);
  timer.unref();
  return {
    lagMs: () => last,
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

export interface OverloadCounters {
  shed: number;
}

/** Weight of the last finished render in the recent render time (an exponential moving average). */
const RECENT_WEIGHT = 0.25;

/**
 * Admission for renders that have no kept bytes to fall back on: refused while the loop lags
 * beyond the threshold, too many renders are already in flight, or a new render is expected to take
 * longer than the wait budget, so that a peak turns into quick 503s with a helpful page rather than
 * every visitor waiting until their browser gives up.
 *
 * The expected wait is what renders take now: the recent render time (a moving average of the
 * last ones' durations, which already counts the renders they shared the process with) or, when
 * longer, how long the oldest render in flight has been running. With nothing in flight a render is
 * always admitted (unless the loop lags), so the estimate of a past burst never shuts the door for good.
 */
export function createOverloadGate(options: {
  lag: LagSource;
  lagThresholdMs: number;
  renderQueueMax: number;
  /** Longest expected wait (ms) for which a new render is still started. */
  waitBudgetMs: number;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  /** Start times of the renders in flight, oldest first (Maps keep insertion order). */
  const started = new Map<number, number>();
  let nextId = 0;
  let recentMs = 0;
  let measured = false;
  const counters: OverloadCounters = { shed: 0 };

  function expectedWaitMs(): number {
    const oldest = started.values().next();
    if (oldest.done) return 0;
    return Math.max(recentMs, now() - oldest.value);
  }

  return {
    /** Whether a new render may start now; a refusal is counted as a shed response. */
    admit(): boolean {
      if (
        options.lag.lagMs() > options.lagThresholdMs ||
        started.size >= options.renderQueueMax ||
        expectedWaitMs() > options.waitBudgetMs
      ) {
        counters.shed += 1;
        return false;
      }
      return true;
    },
    /**
     * Whether a visitor may wait for a render already running for `elapsedMs` (one of the same
     * key): not once it has run past the wait budget; a refusal is counted as a shed response.
     */
    admitWaiter(elapsedMs: number): boolean {
      if (elapsedMs > options.waitBudgetMs) {
        counters.shed += 1;
        return false;
      }
      return true;
    },
    /**
     * Whether the server is past half its limits: kept bytes of an older data version are then
     * served as they are rather than making anyone wait for their rebuild.
     */
    busy(): boolean {
      return (
        options.lag.lagMs() > options.lagThresholdMs / 2 ||
        started.size >= options.renderQueueMax / 2 ||
        expectedWaitMs() > options.waitBudgetMs / 2
      );
    },
    async run<T>(render: () => Promise<T>): Promise<T> {
      const id = nextId++;
      const startedAt = now();
      started.set(id, startedAt);
      try {
        return await render();
      } finally {
        started.delete(id);
        const took = Math.max(0, now() - startedAt);
        recentMs = measured ? recentMs + RECENT_WEIGHT * (took - recentMs) : took;
        measured = true;
      }
    },
    get inFlight() {
      return started.size;
    },
    lagMs: () => options.lag.lagMs(),
    expectedWaitMs,
    counters,
  };
}

export type OverloadGate = ReturnType<typeof createOverloadGate>;
