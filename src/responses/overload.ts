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

/**
 * Admission for renders that have no kept bytes to fall back on: refused while the loop lags
 * beyond the threshold or too many renders are already in flight, so that a peak turns into quick
 * 503s with a helpful page rather than every visitor waiting until their browser gives up.
 */
export function createOverloadGate(options: {
  lag: LagSource;
  lagThresholdMs: number;
  renderQueueMax: number;
}) {
  let inFlight = 0;
  const counters: OverloadCounters = { shed: 0 };
  return {
    /** Whether a new render may start now; a refusal is counted as a shed response. */
    admit(): boolean {
      if (options.lag.lagMs() > options.lagThresholdMs || inFlight >= options.renderQueueMax) {
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
      return options.lag.lagMs() > options.lagThresholdMs / 2 || inFlight >= options.renderQueueMax / 2;
    },
    async run<T>(render: () => Promise<T>): Promise<T> {
      inFlight += 1;
      try {
        return await render();
      } finally {
        inFlight -= 1;
      }
    },
    get inFlight() {
      return inFlight;
    },
    lagMs: () => options.lag.lagMs(),
    counters,
  };
}

export type OverloadGate = ReturnType<typeof createOverloadGate>;
