import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AdapterErrorKind, AvailabilityStatus } from '../adapters/availability.ts';
import type { AdapterContext, FetchLike } from '../adapters/context.ts';
import type { Adapter } from '../adapters/define-adapter.ts';
import { adapters as allAdapters } from '../adapters/registry.ts';
import type { CacheDriver } from '../cache/cache.ts';
import { PollerSettings, type PollerSettingsInput } from '../config/poller-settings.ts';
import type { ProviderSettingsInput } from '../config/provider-settings.ts';
import type { Centre } from '../registry/centre.ts';
import { isPolled } from '../registry/lifecycle.ts';
import { logger as appLogger } from '../shared/logger.ts';
import { AVAILABILITY_CHANGES_KEY, type AvailabilityChange, appendChange } from './availability-changes.ts';
import {
  AVAILABILITY_VERSION_KEY,
  availabilityKey,
  CentreState,
  initialState,
  providerKey,
  recordPoll,
} from './centre-state.ts';
import type { BreakerState } from './circuit-breaker.ts';
import { type PollerClock, systemClock } from './clock.ts';
import { adapterForCentre, discoverFeedMatches } from './feed-routing.ts';
import { initialDelayMs, refreshIntervalS } from './interval-policy.ts';
import { createLeadership } from './leadership.ts';
import { createProviderLane, type PollResult, type ProviderLane } from './provider-lane.ts';
import type { ProviderStats } from './provider-stats.ts';

export interface PollerOptions {
  centres: readonly Centre[];
  /** `providers.<name>` settings (the loaded configuration); missing providers get the defaults. */
  providers?: Readonly<Record<string, ProviderSettingsInput | undefined>>;
  cache: CacheDriver;
  config?: PollerSettingsInput;
  clock?: PollerClock;
  random?: () => number;
  /** Default: undici's fetch over a keep-alive agent. */
  fetch?: FetchLike;
  logger?: Logger;
  /** Default: `findAdapterFor`, plus SMART for registry centres a feed publishes. */
  adapterFor?: (centre: Centre) => Adapter;
  adapters?: readonly Adapter[];
  /** Names this instance in the lease. */
  instanceId?: string;
  /**
   * Centre discovery on a slow schedule (docs/DISCOVERY.md), by the leader only: `run` gets each
   * provider's lane context, so its requests share the lane's rate limit and `Retry-After` pauses.
   */
  discovery?: PollerDiscovery;
}

export interface PollerDiscovery {
  /** Between two runs; the first comes `firstAfterMs` after polling starts (default 5 minutes). */
  everyMs: number;
  firstAfterMs?: number;
  run(contextFor: (provider: string) => AdapterContext | undefined, signal: AbortSignal): Promise<unknown>;
}

export interface ProviderPollSummary {
  provider: string;
  enabled: boolean;
  centres: number;
  statuses: Record<AvailabilityStatus, number>;
  /** Centres not requested: breaker open or provider disabled. */
  held: number;
  errors: Partial<Record<AdapterErrorKind, number>>;
  breaker: BreakerState;
  duration_ms: number;
}

export interface PollSummary {
  started_at: string;
  duration_ms: number;
  providers: ProviderPollSummary[];
}

export interface Poller {
  /** Polls forever (when it holds the lease, with a shared cache) until `stop`. */
  start(): Promise<void>;
  /** Aborts requests in flight, waits for them, writes what is known, flushes the cache. */
  stop(): Promise<void>;
  /** Polls every centre once, now (queues and rate limits apply), writes the records, and summarises. */
  pollOnce(): Promise<PollSummary>;
  isLeader(): boolean;
  providerStats(): ProviderStats[];
  breakerState(provider: string): BreakerState | undefined;
  centreState(centreId: string): CentreState | undefined;
}

interface Entry {
  centre: Centre;
  lane: ProviderLane;
  dueAt: number;
  inFlight: boolean;
}

interface Term {
  controller: AbortController;
  lanes: Map<string, ProviderLane>;
  entries: Map<string, Entry>;
  pending: Map<string, CentreState>;
  feedMatched: ReadonlyMap<string, string>;
  timer: unknown;
  timerAt: number;
  flushTimer: unknown;
  discoverTimer: unknown;
  platformDiscoveryTimer: unknown;
  flushing: Promise<void>;
  running: Set<Promise<unknown>>;
  /** Centres handed to each lane and not settled yet: the lane's queue holds at most a window of them. */
  queued: Map<ProviderLane, number>;
  /** A wake left due centres for want of room in a lane: the next settled poll wakes the poller again. */
  starved: boolean;
  ended: boolean;
  /** Stops listening for the shared cache losing its data. */
  unsubscribe: () => void;
}

/**
 * How many centres a lane's queue holds at once, as a multiple of its concurrency. The rest wait as
 * entries with their due time, not as 10,000 queued closures and abort listeners after a start or a
 * long outage: the queue is fed as it drains, in the same order.
 */
const QUEUE_WINDOW = 4;

const STOPPING = 'poller stopping';

/**
 * Keeps every centre's availability fresh in the cache: one lane per provider (queues, rate limit,
 * breaker), each centre due again after its refresh interval, records written in batches.
 */
export function createPoller(options: PollerOptions): Poller {
  const config = PollerSettings.parse(options.config ?? {});
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const logger = (options.logger ?? appLogger).child({ component: 'poller' });
  const cache = options.cache;
  const centres = options.centres;
  const adapters = options.adapters ?? allAdapters;
  const states = new Map<string, CentreState>();
  let version = 0;
  /** The version the cache holds as far as this poller knows, and the recent batches it wrote. */
  let written: number | null = null;
  let changes: AvailabilityChange[] = [];
  let term: Term | null = null;
  let lastStats: ProviderStats[] = [];
  let started = false;

  const leadership = cache.lease
    ? createLeadership({
        lease: cache.lease,
        holder: options.instanceId ?? `${process.pid}-${randomUUID()}`,
        ttlMs: config.lease_ttl_s * 1000,
        clock,
        logger,
        onGain: async () => {
          term = await begin(true);
        },
        onLoss: async () => {
          const ending = term;
          term = null;
          if (ending) await end(ending);
        },
      })
    : null;

  function newTerm(): Term {
    const controller = new AbortController();
    const lanes = new Map<string, ProviderLane>();
    const t: Term = {
      controller,
      lanes,
      entries: new Map(),
      pending: new Map(),
      feedMatched: new Map(),
      timer: undefined,
      timerAt: Number.POSITIVE_INFINITY,
      flushTimer: undefined,
      discoverTimer: undefined,
      platformDiscoveryTimer: undefined,
      flushing: Promise.resolve(),
      running: new Set(),
      queued: new Map(),
      starved: false,
      ended: false,
      unsubscribe: () => {},
    };
    for (const adapter of adapters) {
      lanes.set(
        adapter.name,
        createProviderLane({
          adapter,
          settings: options.providers?.[adapter.name],
          config,
          clock,
          random,
          fetch: options.fetch,
          logger,
          signal: controller.signal,
          centres: () => centres,
          onBreakerChange: (lane, _from, to) => {
            if (to === 'closed') wakeHeld(t, lane);
          },
        }),
      );
    }
    return t;
  }

  function laneFor(t: Term, centre: Centre): ProviderLane {
    const adapter = options.adapterFor?.(centre) ?? adapterForCentre(centre, t.feedMatched);
    const lane = t.lanes.get(adapter.name);
    if (!lane) throw new Error(`no lane for adapter ${adapter.name}`);
    return lane;
  }

  function countCentres(t: Term): void {
    const counts = new Map<string, number>();
    for (const entry of t.entries.values())
      counts.set(entry.lane.name, (counts.get(entry.lane.name) ?? 0) + 1);
    for (const lane of t.lanes.values()) lane.setCentresCovered(counts.get(lane.name) ?? 0);
  }

  /** Reads what the cache holds (a snapshot, a previous leader's work) so polling resumes, not restarts. */
  async function begin(schedule: boolean): Promise<Term> {
    const t = newTerm();
    const now = clock.now();
    const stored = await cache
      .getMany(centres.map((centre) => availabilityKey(centre.id)))
      .catch((error: unknown) => {
        logger.warn({ err: String(error) }, 'cannot read stored records');
        return [] as unknown[];
      });
    const storedVersion = await cache.get(AVAILABILITY_VERSION_KEY).catch(() => undefined);
    if (typeof storedVersion === 'number' && storedVersion > version) version = storedVersion;
    written = typeof storedVersion === 'number' ? storedVersion : null;
    changes = [];
    centres.forEach((centre, i) => {
      const lane = laneFor(t, centre);
      const parsed = CentreState.safeParse(stored[i]);
      const previous = parsed.success ? parsed.data : states.get(centre.id);
      const interval = previous?.expected_interval_s ?? config.intervals.active_s;
      const spread = now + initialDelayMs(interval, config.initial_spread_s, random);
      const dueAt = previous ? Math.max(Date.parse(previous.next_due_at), spread) : spread;
      const state = previous
        ? { ...previous, provider: lane.name, next_due_at: new Date(dueAt).toISOString() }
        : initialState(centre.id, lane.name, new Date(dueAt), interval);
      states.set(centre.id, state);
      if (state.valid_at) lane.stats.noteSuccessAt(Date.parse(state.valid_at));
      t.entries.set(centre.id, { centre, lane, dueAt, inFlight: false });
    });
    countCentres(t);
    if (schedule) {
      scheduleFlush(t);
      arm(t, clock.now());
      track(t, discover(t));
      schedulePlatformDiscovery(t, options.discovery?.firstAfterMs ?? 5 * 60_000);
      t.unsubscribe = cache.onStoreLost?.(() => track(t, repollMissing(t))) ?? (() => {});
    }
    return t;
  }

  /**
   * After the shared cache lost its data (a Redis restarted empty) and the instances wrote back what
   * they held, the centres whose record is still missing are due now, whatever their interval: a
   * phone-only centre, checked daily, would otherwise say "pas encore vérifié" until tomorrow. Their
   * last known state is written back meanwhile, and so is any state newer than the copy another
   * instance wrote back (the leader is the one writer of records: its state is the latest).
   */
  async function repollMissing(t: Term): Promise<void> {
    const ids = [...t.entries.keys()];
    const stored = await cache.getMany(ids.map((id) => availabilityKey(id))).catch(() => null);
    if (stored === null || t.ended) return;
    const now = clock.now();
    let missing = 0;
    let rewritten = 0;
    ids.forEach((id, i) => {
      const entry = t.entries.get(id);
      const state = states.get(id);
      if (!entry || t.pending.has(id)) return;
      const parsed = CentreState.safeParse(stored[i]);
      if (!parsed.success) {
        if (state?.checked_at) t.pending.set(id, state);
        entry.dueAt = Math.min(entry.dueAt, now);
        missing += 1;
      } else if (
        state?.checked_at &&
        Date.parse(parsed.data.checked_at ?? '1970-01-01T00:00:00Z') < Date.parse(state.checked_at)
      ) {
        t.pending.set(id, state);
        rewritten += 1;
      }
    });
    logger.warn({ missing, rewritten }, 'shared cache lost its data: missing centres re-polled now');
    if (missing > 0) arm(t, now);
  }

  /** Finds registry centres a SMART feed publishes and moves them to the smart lane. */
  async function discover(t: Term): Promise<void> {
    const smart = t.lanes.get('smart');
    if (!smart?.settings.enabled || options.adapterFor) return;
    try {
      t.feedMatched = await discoverFeedMatches(smart.ctx);
    } catch (error) {
      if (t.controller.signal.aborted) return;
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'SMART feed discovery failed',
      );
    }
    if (t.ended) return;
    for (const entry of t.entries.values()) {
      const lane = laneFor(t, entry.centre);
      if (lane === entry.lane) continue;
      entry.lane = lane;
      entry.dueAt = Math.min(entry.dueAt, clock.now());
    }
    countCentres(t);
    if (t.flushTimer !== undefined) {
      arm(t, clock.now());
      // The feed changes; new matches appear with it.
      t.discoverTimer = clock.setTimeout(() => track(t, discover(t)), config.intervals.quiet_s * 1000);
    }
  }

  /** Runs centre discovery from the platforms every `discovery.everyMs`, while this term lasts. */
  function schedulePlatformDiscovery(t: Term, delayMs: number): void {
    const discovery = options.discovery;
    if (!discovery || discovery.everyMs <= 0 || t.controller.signal.aborted) return;
    t.platformDiscoveryTimer = clock.setTimeout(() => {
      const run = discovery
        .run((provider) => t.lanes.get(provider)?.ctx, t.controller.signal)
        .catch((error: unknown) => {
          if (!t.controller.signal.aborted)
            logger.warn(
              { err: error instanceof Error ? error.message : String(error) },
              'centre discovery failed',
            );
        })
        .finally(() => schedulePlatformDiscovery(t, discovery.everyMs));
      track(t, run);
    }, delayMs);
  }

  function track(t: Term, promise: Promise<unknown>): void {
    t.running.add(promise);
    promise.finally(() => t.running.delete(promise)).catch(() => {});
  }

  function arm(t: Term, at: number): void {
    if (t.controller.signal.aborted || at >= t.timerAt) return;
    clock.clearTimeout(t.timer);
    t.timerAt = at;
    t.timer = clock.setTimeout(() => wake(t), Math.max(0, at - clock.now()));
  }

  function wake(t: Term): void {
    t.timerAt = Number.POSITIVE_INFINITY;
    t.starved = false;
    const now = clock.now();
    let next = Number.POSITIVE_INFINITY;
    const today = new Date(now);
    for (const entry of t.entries.values()) {
      if (entry.inFlight) continue;
      // Closed, not open yet, or a duplicate whose agenda its kept centre polls: looked at again later
      // (lifecycle.ts is evaluated each time, so a centre closing tonight stops being polled tonight).
      if (entry.dueAt <= now && !isPolled(entry.centre, today))
        entry.dueAt = now + config.intervals.quiet_s * 1000;
      if (entry.dueAt > now) {
        if (entry.dueAt < next) next = entry.dueAt;
      } else if ((t.queued.get(entry.lane) ?? 0) < entry.lane.settings.concurrency * QUEUE_WINDOW) {
        dispatch(t, entry);
      } else t.starved = true;
    }
    if (next < Number.POSITIVE_INFINITY) arm(t, next);
  }

  function dispatch(t: Term, entry: Entry): Promise<PollResult> {
    entry.inFlight = true;
    const lane = entry.lane;
    t.queued.set(lane, (t.queued.get(lane) ?? 0) + 1);
    const run = lane.schedule(entry.centre).then((result) => {
      settle(t, entry, lane, result);
      return result;
    });
    const done = run
      .catch((error: unknown) => {
        logger.error({ centre: entry.centre.id, err: error }, 'poll failed unexpectedly');
        entry.dueAt = clock.now() + config.intervals.quiet_s * 1000;
      })
      .finally(() => {
        entry.inFlight = false;
        t.queued.set(lane, (t.queued.get(lane) ?? 1) - 1);
        if (t.flushTimer !== undefined) arm(t, t.starved ? clock.now() : entry.dueAt);
      });
    track(t, done);
    return run;
  }

  function settle(t: Term, entry: Entry, lane: ProviderLane, result: PollResult): void {
    if (result.kind === 'aborted' || t.ended) return;
    const id = entry.centre.id;
    const at = new Date(clock.now());
    const previous = states.get(id) ?? initialState(id, lane.name, at, config.intervals.active_s);
    let next: CentreState;
    if (result.kind === 'polled') {
      const polled = recordPoll(previous, {
        availability: result.availability,
        at,
        nextDueAt: at,
        expectedIntervalS: previous.expected_interval_s,
      });
      const interval = refreshIntervalS(polled, lane.adapter.makesRequests, at, config.intervals);
      next = {
        ...polled,
        next_due_at: new Date(at.getTime() + interval * 1000).toISOString(),
        expected_interval_s: interval,
      };
    } else {
      const until =
        result.held.until ?? new Date(at.getTime() + config.intervals.offline_s * 1000).toISOString();
      next = { ...previous, provider: lane.name, held_back: result.held, next_due_at: until };
    }
    entry.dueAt = Date.parse(next.next_due_at);
    states.set(id, next);
    t.pending.set(id, next);
  }

  /** A breaker that closes lets the centres it held back or saw fail go at once (their queue spaces them). */
  function wakeHeld(t: Term, lane: ProviderLane): void {
    const now = clock.now();
    for (const entry of t.entries.values()) {
      const state = states.get(entry.centre.id);
      if (entry.lane === lane && (state?.held_back || state?.last_error))
        entry.dueAt = Math.min(entry.dueAt, now);
    }
    if (t.flushTimer !== undefined) arm(t, now);
  }

  function scheduleFlush(t: Term): void {
    t.flushTimer = clock.setTimeout(() => {
      t.flushing = t.flushing
        .then(() => flush(t))
        .finally(() => {
          if (!t.controller.signal.aborted) scheduleFlush(t);
        });
    }, config.write_every_ms);
  }

  async function flush(t: Term): Promise<void> {
    lastStats = [...t.lanes.values()].map((lane) => lane.summary());
    const batch = [...t.pending.entries()];
    t.pending.clear();
    try {
      if (batch.length > 0) {
        const next = Math.max(version + 1, clock.now());
        const log = appendChange(changes, { previous: written, version: next, ids: batch.map(([id]) => id) });
        // The list of changed centres goes with the records, before the version readers watch.
        await cache.setMany([
          ...batch.map(([id, state]) => [availabilityKey(id), state] as const),
          [AVAILABILITY_CHANGES_KEY, log] as const,
        ]);
        version = next;
        await cache.set(AVAILABILITY_VERSION_KEY, version);
        changes = log;
        written = version;
      }
      await cache.setMany(lastStats.map((stats) => [providerKey(stats.provider), stats] as const));
    } catch (error) {
      // Kept for the next batch unless a newer record came meanwhile.
      for (const [id, state] of batch) if (!t.pending.has(id)) t.pending.set(id, state);
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'cannot write to the cache',
      );
    }
  }

  async function end(t: Term): Promise<void> {
    t.unsubscribe();
    t.controller.abort(new Error(STOPPING));
    clock.clearTimeout(t.timer);
    clock.clearTimeout(t.flushTimer);
    clock.clearTimeout(t.discoverTimer);
    clock.clearTimeout(t.platformDiscoveryTimer);
    for (const lane of t.lanes.values()) lane.resume();
    await Promise.allSettled([...t.running]);
    await Promise.all([...t.lanes.values()].map((lane) => lane.centreQueue.onIdle()));
    t.ended = true;
    await t.flushing;
    await flush(t);
  }

  function summarise(
    t: Term,
    results: Array<{ lane: ProviderLane; result: PollResult; at: number }>,
    startedAt: number,
  ): PollSummary {
    const providers: ProviderPollSummary[] = [];
    for (const lane of t.lanes.values()) {
      const mine = results.filter((r) => r.lane === lane);
      if (mine.length === 0 && !lane.adapter.makesRequests) continue;
      const statuses: Record<AvailabilityStatus, number> = { some: 0, none: 0, phone_only: 0, unknown: 0 };
      const errors: Partial<Record<AdapterErrorKind, number>> = {};
      let held = 0;
      for (const { result } of mine) {
        if (result.kind === 'held') held++;
        if (result.kind !== 'polled') continue;
        statuses[result.availability.status]++;
        const kind = result.availability.error?.kind;
        if (kind) errors[kind] = (errors[kind] ?? 0) + 1;
      }
      const lastAt = mine.reduce((latest, r) => Math.max(latest, r.at), startedAt);
      providers.push({
        provider: lane.name,
        enabled: lane.settings.enabled,
        centres: mine.length,
        statuses,
        held,
        errors,
        breaker: lane.breaker.state(),
        duration_ms: lastAt - startedAt,
      });
    }
    return { started_at: new Date(startedAt).toISOString(), duration_ms: clock.now() - startedAt, providers };
  }

  return {
    async start() {
      if (started) return;
      started = true;
      if (leadership) await leadership.start();
      else term = await begin(true);
    },
    async stop() {
      started = false;
      if (leadership) await leadership.stop();
      else if (term) {
        const ending = term;
        term = null;
        await end(ending);
      }
      await cache.flush?.();
    },
    async pollOnce() {
      const startedAt = clock.now();
      const t = await begin(false);
      term ??= t;
      await discover(t);
      const results: Array<{ lane: ProviderLane; result: PollResult; at: number }> = [];
      await Promise.all(
        [...t.entries.values()]
          .filter((entry) => isPolled(entry.centre, new Date(startedAt)))
          .map((entry) =>
            dispatch(t, entry)
              .then((result) => {
                results.push({ lane: entry.lane, result, at: clock.now() });
              })
              .catch(() => {}),
          ),
      );
      await flush(t);
      if (term === t) term = null;
      t.ended = true;
      return summarise(t, results, startedAt);
    },
    isLeader: () => (leadership ? leadership.isLeader() : term !== null),
    providerStats: () => (term ? [...term.lanes.values()].map((lane) => lane.summary()) : lastStats),
    breakerState: (provider) => term?.lanes.get(provider)?.breaker.state(),
    centreState: (centreId) => states.get(centreId),
  };
}
