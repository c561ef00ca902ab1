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
 * a fault, its consequences and the recovery fit in a few seconds of real time.
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

function startPoller(timeoutMs: number): Poller {
  cache = memoryDriver({});
  const settings = (provider: SimProvider) => ({
    base_url: simulator.urls[provider],
    timeout_ms: timeoutMs,
    rate_limit: { requests: 100, per_seconds: 1 },
    concurrency: 2,
  });
  poller = createPoller({
    centres: CENTRES,
    providers: {
      doctolib: settings('doctolib'),
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

async function waitFor(what: string, predicate: () => boolean, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const FAULTS: Array<[string, FaultSpecInput, string]> = [
  ['down (connection refused)', { down: { minutes: 60, mode: 'refused' } }, 'unreachable'],
  ['slow (10 s answers)', { latencyMs: 10_000 }, 'timeout'],
  ['returning garbage', { malformedRate: 1 }, 'bad_response'],
  ['answering 429', { rateLimit: { rate: 1, retryAfterSeconds: 1 } }, 'rate_limited'],
];

describe('poller against the simulator', () => {
  it.each(FAULTS)(
    'a provider %s leaves the others fresh, keeps its last good values, opens its breaker, and recovers',
    async (_name, fault, kind) => {
      const p = startPoller(500);
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
      expect(p.breakerState('maiia')).toBe('closed');
      expect(p.breakerState('keldoc')).toBe('closed');
      for (const id of doctolib) {
        const now = state(id);
        expect(now.valid_at).toBe(kept.get(id)?.valid_at);
        expect(now.availability).toEqual(kept.get(id)?.availability);
        expect(now.availability?.error).toBeNull();
      }
      // Which centres came due while the fault was on depends on timing; at least one met it, and
      // none lost its last good values (above).
      expect(doctolib.some((id) => state(id).last_error?.kind === kind)).toBe(true);
      const stats = p.providerStats().find((s) => s.provider === 'doctolib');
      expect(stats?.breaker.state).not.toBe('closed');
      expect(stats?.errors_last_hour[kind as 'timeout']).toBeGreaterThan(0);

      await simulator.faults.clear('doctolib');
      const cleared = Date.now();
      await waitFor('the doctolib breaker to close', () => p.breakerState('doctolib') === 'closed');
      await waitFor('doctolib centres fresh again', () => doctolib.every((id) => validAt(id) > cleared));
      for (const id of doctolib) expect(state(id).last_error).toBeNull();
    },
  );

  it('stop aborts slow requests in flight and returns without waiting for them', async () => {
    const p = startPoller(30_000);
    await simulator.faults.set('doctolib', { latencyMs: 10_000 });
    await p.start();
    await waitFor('the other providers polled', () => others.every((id) => validAt(id) > 0));
    expect(doctolib.every((id) => validAt(id) === 0)).toBe(true);

    const outcome = await Promise.race([
      p.stop().then(() => 'stopped'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting for the provider'), 8000)),
    ]);
    poller = undefined;
    expect(outcome).toBe('stopped');
    for (const id of doctolib) expect(p.centreState(id)?.last_error ?? null).toBeNull();
  });
});
