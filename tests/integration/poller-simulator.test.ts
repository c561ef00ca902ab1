import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CacheDriver } from '../../src/cache/cache.ts';
import { memoryDriver } from '../../src/cache/drivers/memory.ts';
import type { CentreState } from '../../src/poller/centre-state.ts';
import { createPoller, type Poller } from '../../src/poller/poller.ts';
import {
  type FaultSpecInput,
  type SimProvider,
  type Simulator,
  startSimulator,
} from '../../src/simulator/index.ts';
import { CENTRES } from '../fixtures/simulator/centres.ts';

/**
 * The poller against the provider simulator over real HTTP on 127.0.0.1, with intervals of a second so
 * a fault, its consequences and the recovery fit in a few seconds of real time. Nothing here races the
 * wall clock: the healthy providers get a timeout no loaded machine reaches, Doctolib (the one faulted)
 * one that only a minute-long answer reaches, and each step waits for the state it needs, with a
 * deadline far above what it takes.
 */

let simulator: Simulator;
let poller: Poller | undefined;
let cache: CacheDriver;

beforeAll(async () => {
  simulator = await startSimulator({ centres: CENTRES, seed: 'poller' });
});
afterAll(async () => {
  await simulator.close();
});
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
  await simulator.faults.clear();
});

const byPlatform = (platform: string) =>
  CENTRES.filter((c) => c.booking.platform === platform).map((c) => c.id);
const doctolib = byPlatform('doctolib');
/** Centres polled through the other providers: Maiia, Keldoc, and those the SMART feed publishes. */
const others = ['demo-4', 'demo-6', 'demo-7', 'demo-8', 'demo-9'];

/** Healthy answers take milliseconds; a loaded 2-core machine may still stall a request for seconds. */
const HEALTHY_TIMEOUT_MS = 30_000;
/** Doctolib's, in the fault cases: above any stall, below the slow fault's minute. */
const DOCTOLIB_TIMEOUT_MS = 5_000;
const MINUTE_MS = 60_000;
/** Every wait below normally ends within seconds; the deadline only turns a hang into a message. */
const DEADLINE_MS = 60_000;
const TEST_TIMEOUT_MS = 4 * DEADLINE_MS;

function startPoller(doctolibTimeoutMs: number): Poller {
  cache = memoryDriver({});
  const settings = (provider: SimProvider, timeoutMs = HEALTHY_TIMEOUT_MS) => ({
    base_url: simulator.urls[provider],
    timeout_ms: timeoutMs,
    rate_limit: { requests: 100, per_seconds: 1 },
    concurrency: 2,
  });
  poller = createPoller({
    centres: CENTRES,
    providers: {
      doctolib: settings('doctolib', doctolibTimeoutMs),
      maiia: settings('maiia'),
      keldoc: settings('keldoc'),
      smart: settings('smart'),
    },
    cache,
    config: {
      intervals: { active_s: 1, quiet_s: 1, dormant_s: 1 },
      initial_spread_s: 0.2,
      retry: { attempts: 2, base_ms: 50, cap_ms: 200 },
      breaker: { consecutive_failures: 2, cool_down_s: 1.5 },
      write_every_ms: 100,
    },
    logger: pino({ level: 'silent' }),
  });
  return poller;
}

function state(id: string): CentreState {
  const found = poller?.centreState(id);
  if (!found) throw new Error(`no state for ${id}`);
  return found;
}

const validAt = (id: string) => Date.parse(poller?.centreState(id)?.valid_at ?? '') || 0;

async function waitFor(what: string, predicate: () => boolean, deadlineMs = DEADLINE_MS): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const FAULTS: Array<[string, FaultSpecInput, string]> = [
  ['down (connection refused)', { down: { minutes: 60, mode: 'refused' } }, 'unreachable'],
  ['slow (answers after a minute)', { latencyMs: MINUTE_MS }, 'timeout'],
  ['returning garbage', { malformedRate: 1 }, 'bad_response'],
  ['answering 429', { rateLimit: { rate: 1, retryAfterSeconds: 1 } }, 'rate_limited'],
];

describe('poller against the simulator', () => {
  it.each(FAULTS)(
    'a provider %s leaves the others fresh, keeps its last good values, opens its breaker, and recovers',
    async (_name, fault, kind) => {
      const p = startPoller(DOCTOLIB_TIMEOUT_MS);
      await p.start();
      await waitFor('every centre polled', () => [...doctolib, ...others].every((id) => validAt(id) > 0));
      expect(others.map((id) => state(id).provider)).toEqual(['maiia', 'keldoc', 'keldoc', 'smart', 'smart']);

      await simulator.faults.set('doctolib', fault);
      await waitFor('the doctolib breaker to open', () => p.breakerState('doctolib') === 'open');
      const opened = Date.now();
      const kept = new Map(doctolib.map((id) => [id, structuredClone(state(id))]));

      await waitFor('the other providers refreshed after the fault', () =>
        others.every((id) => validAt(id) > opened),
      );
      // Which centres came due while the fault was on depends on timing; at least one met it. A poll
      // records its error only once its retries are spent, and the breaker can open on two first
      // attempts while their retries still wait out the 429's Retry-After: wait for the record.
      await waitFor(`a doctolib centre to record the fault (${kind})`, () =>
        doctolib.some((id) => state(id).last_error?.kind === kind),
      );
      expect(p.breakerState('maiia')).toBe('closed');
      expect(p.breakerState('keldoc')).toBe('closed');
      // None lost its last good values.
      for (const id of doctolib) {
        const now = state(id);
        expect(now.valid_at).toBe(kept.get(id)?.valid_at);
        expect(now.availability).toEqual(kept.get(id)?.availability);
        expect(now.availability?.error).toBeNull();
      }
      const stats = p.providerStats().find((s) => s.provider === 'doctolib');
      expect(stats?.breaker.state).not.toBe('closed');
      expect(stats?.errors_last_hour[kind as 'timeout']).toBeGreaterThan(0);

      await simulator.faults.clear('doctolib');
      const cleared = Date.now();
      await waitFor('the doctolib breaker to close', () => p.breakerState('doctolib') === 'closed');
      await waitFor('doctolib centres fresh again', () => doctolib.every((id) => validAt(id) > cleared));
      for (const id of doctolib) expect(state(id).last_error).toBeNull();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'stop aborts slow requests in flight and returns without waiting for them',
    async () => {
      // Doctolib answers after two minutes, and the poller would wait for it: only an abort ends its requests.
      const p = startPoller(5 * MINUTE_MS);
      await simulator.faults.set('doctolib', { latencyMs: 2 * MINUTE_MS });
      await p.start();
      await waitFor('the other providers polled', () => others.every((id) => validAt(id) > 0));
      expect(doctolib.every((id) => validAt(id) === 0)).toBe(true);

      let waited: ReturnType<typeof setTimeout> | undefined;
      const outcome = await Promise.race([
        p.stop().then(() => 'stopped'),
        new Promise((resolve) => {
          waited = setTimeout(() => resolve('still waiting for the provider'), DEADLINE_MS);
        }),
      ]);
      clearTimeout(waited);
      poller = undefined;
      expect(outcome).toBe('stopped');
      for (const id of doctolib) expect(p.centreState(id)?.last_error ?? null).toBeNull();
    },
    TEST_TIMEOUT_MS,
  );
});
