import type { Logger } from 'pino';
import { type PollerClock, systemClock } from '../poller/clock.ts';
import type { SearchSources } from '../search/sources.ts';
import { logger as appLogger } from '../shared/logger.ts';
import { HOUR_MS, MINUTE_MS } from '../shared/time.ts';
import { takeSample } from './figures.ts';
import { appendSample, pruneSeries } from './series-store.ts';
import type { StatsSettings } from './stats-settings.ts';

export interface StatsSamplerOptions {
  /** Read only: the availability view and the registry's centres, as the pages see them. */
  app: Pick<SearchSources, 'availability' | 'centres'>;
  /** True on the one instance that polls; the others never write (they read the same files). */
  isLeader: () => boolean;
  dataDir: string;
  settings: StatsSettings;
  clock?: PollerClock;
  logger?: Logger;
}

export type SampleOutcome = 'sampled' | 'standby' | 'not_loaded' | 'disabled' | 'failed';

export interface StatsSampler {
  /** Takes a sample now, on the same conditions as a scheduled one. */
  sampleNow(): Promise<SampleOutcome>;
  /** Resolves once no sample is being written. */
  idle(): Promise<void>;
  /** Cancels the next sample and waits for one being written. */
  stop(): Promise<void>;
}

/** Expired samples are pruned at the first sample, then at most this often: a rewrite per sample would be waste. */
const PRUNE_EVERY_MS = 6 * HOUR_MS;

/**
 * Records the figures of France and of every département every `interval_min` minutes, on the
 * multiples of that interval (…:00, …:10…), so that samples from successive leaders line up.
 */
export function startStatsSampler(options: StatsSamplerOptions): StatsSampler {
  const { app, isLeader, dataDir, settings } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? appLogger;
  const everyMs = settings.interval_min * MINUTE_MS;
  let stopped = false;
  let timer: unknown;
  let running: Promise<SampleOutcome> = Promise.resolve('disabled');
  let lastPruneAt: number | null = null;

  async function sample(now: Date): Promise<SampleOutcome> {
    if (!settings.enabled) return 'disabled';
    if (!isLeader()) return 'standby';
    // Before the view has read the cache once, every centre would count as unknown: not a fact worth keeping.
    if (app.availability.loadedAt === null) return 'not_loaded';
    try {
      const taken = takeSample(app.availability, app.centres.all(), now);
      await appendSample(dataDir, taken);
      if (lastPruneAt === null || now.getTime() - lastPruneAt >= PRUNE_EVERY_MS) {
        lastPruneAt = now.getTime();
        const dropped = await pruneSeries(dataDir, {
          now,
          retentionDays: settings.retention_days,
          fullResolutionDays: settings.full_resolution_days,
          logger,
        });
        if (dropped > 0) logger.info({ dropped }, 'pruned old statistics samples');
      }
      return 'sampled';
    } catch (error) {
      logger.error({ err: error, dataDir }, 'could not record a statistics sample');
      return 'failed';
    }
  }

  function sampleNow(): Promise<SampleOutcome> {
    // The instant is the tick's, even if an earlier write is still going on.
    const at = new Date(clock.now());
    // One at a time: a scheduled sample and a manual one never interleave their appends.
    running = running.then(
      () => sample(at),
      () => sample(at),
    );
    return running;
  }

  // The next tick is set before this one's write, so a slow disk never shifts the grid.
  function scheduleNext(): void {
    if (stopped || !settings.enabled) return;
    const now = clock.now();
    const next = (Math.floor(now / everyMs) + 1) * everyMs;
    timer = clock.setTimeout(() => {
      scheduleNext();
      void sampleNow();
    }, next - now);
  }

  scheduleNext();
  return {
    sampleNow,
    async idle() {
      await running;
    },
    async stop() {
      stopped = true;
      clock.clearTimeout(timer);
      await running;
    },
  };
}
