import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../../src/adapters/define-adapter.ts';
import type { CacheDriver } from '../../../src/cache/cache.ts';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';
import { AVAILABILITY_VERSION_KEY, availabilityKey, CentreState } from '../../../src/poller/centre-state.ts';
import { createPoller, type Poller } from '../../../src/poller/poller.ts';
import { ProviderStats } from '../../../src/poller/provider-stats.ts';
import { fakeAdapter, fakeCentre, fakeFetch } from '../../fixtures/poller/fake-providers.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const alpha = fakeAdapter('alpha') as Adapter;
const beta = fakeAdapter('beta') as Adapter;
const centres = [1, 2, 3, 4].flatMap((n) => [fakeCentre('alpha', n), fakeCentre('beta', n)]);
const alphaIds = centres.filter((c) => c.id.startsWith('alpha')).map((c) => c.id);
const betaIds = centres.filter((c) => c.id.startsWith('beta')).map((c) => c.id);

const settings = (name: string) => ({
  base_url: `http://${name}.test`,
  rate_limit: { requests: 1000, per_seconds: 1 },
  concurrency: 2,
  timeout_ms: 600_000,
});

let running: Poller | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function setup() {
  const clock = new FakeClock();
  const cache = memoryDriver({});
  const fake = fakeFetch();
  const poller = createPoller({
    centres,
    adapters: [alpha, beta],
    adapterFor: (centre) => (centre.id.startsWith('alpha') ? alpha : beta),
    providers: { alpha: settings('alpha'), beta: settings('beta') },
    cache,
    config: {
      intervals: { active_s: 60, quiet_s: 60 },
      initial_spread_s: 10,
      retry: { attempts: 2, base_ms: 100, cap_ms: 1000 },
      breaker: { consecutive_failures: 3, cool_down_s: 30 },
      write_every_ms: 1000,
    },
    clock,
    random: () => 0.5,
    fetch: fake.fetch,
    logger: pino({ level: 'silent' }),
  });
  running = poller;
  return { clock, cache, fake, poller };
}

async function records(cache: CacheDriver, ids: readonly string[]): Promise<CentreState[]> {
  const values = await cache.getMany(ids.map(availabilityKey));
  return values.map((value) => CentreState.parse(value));
}

describe('poller', () => {
  it('writes every centre’s record to the cache and bumps the version after each batch', async () => {
    const { clock, cache, poller } = setup();
    await poller.start();
    expect(poller.isLeader()).toBe(true);
    await clock.advance(6000);
    const first = await cache.get(AVAILABILITY_VERSION_KEY);
    expect(typeof first).toBe('number');
    const all = await records(
      cache,
      centres.map((c) => c.id),
    );
    for (const state of all) {
      expect(state.valid_at).toBe(state.checked_at);
      expect(state.availability?.slot_count).toBe(2);
      expect(state.expected_interval_s).toBe(60);
    }
    await clock.advance(61_000);
    expect(await cache.get(AVAILABILITY_VERSION_KEY)).toBeGreaterThan(first as number);
    const stats = ProviderStats.array().parse(await cache.getMany(['provider:alpha', 'provider:beta']));
    expect(stats.map((s) => [s.provider, s.centres, s.breaker.state])).toEqual([
      ['alpha', 4, 'closed'],
      ['beta', 4, 'closed'],
    ]);
    expect(stats[0]?.requests_last_hour).toBe(8);
  });

  it('spreads the first polls instead of sending them all at start', async () => {
    const { clock, fake, poller } = setup();
    await poller.start();
    await clock.advance(1);
    expect(fake.requestsTo('alpha') + fake.requestsTo('beta')).toBe(0);
    await clock.advance(5000);
    expect(fake.requestsTo('alpha') + fake.requestsTo('beta')).toBe(8);
  });

  it('a Retry-After pauses that provider alone until the time it gave', async () => {
    const { clock, cache, fake, poller } = setup();
    fake.set('alpha', { kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    await poller.start();
    await clock.advance(6000);
    const askedBeforePause = fake.requestsTo('alpha');
    expect(askedBeforePause).toBeGreaterThan(0);
    expect(poller.providerStats().find((s) => s.provider === 'alpha')?.paused_until).toBe(
      new Date(clock.now() - 1000 + 120_000).toISOString(),
    );
    const betaBefore = fake.requestsTo('beta');
    await clock.advance(100_000);
    expect(fake.requestsTo('alpha')).toBe(askedBeforePause);
    expect(fake.requestsTo('beta')).toBeGreaterThan(betaBefore);
    for (const state of await records(cache, betaIds))
      expect(Date.parse(state.valid_at ?? '')).toBeGreaterThan(clock.now() - 61_000);

    fake.set('alpha', { kind: 'ok', slots: 5 });
    await clock.advance(60_000);
    expect(fake.requestsTo('alpha')).toBeGreaterThan(askedBeforePause);
    await clock.advance(60_000);
    for (const state of await records(cache, alphaIds)) expect(state.availability?.slot_count).toBe(5);
  });

  it('opens the breaker of a failing provider, holds its centres with their last good values, and closes on recovery', async () => {
    const { clock, cache, fake, poller } = setup();
    await poller.start();
    await clock.advance(6000);
    const good = await records(cache, alphaIds);

    fake.set('alpha', { kind: 'status', status: 500 });
    await clock.advance(62_000);
    expect(poller.breakerState('alpha')).toBe('open');
    expect(poller.breakerState('beta')).toBe('closed');
    const down = await records(cache, alphaIds);
    down.forEach((state, i) => {
      expect(state.availability).toEqual(good[i]?.availability);
      expect(state.valid_at).toBe(good[i]?.valid_at);
      expect(state.last_error?.kind === 'unreachable' || state.held_back?.reason === 'circuit_open').toBe(
        true,
      );
    });
    expect(down.some((s) => s.held_back?.reason === 'circuit_open')).toBe(true);
    for (const state of await records(cache, betaIds)) expect(state.valid_at).not.toBe(good[0]?.valid_at);
    const stored = ProviderStats.parse(await cache.get('provider:alpha'));
    expect(stored.breaker.state).toBe('open');
    expect(stored.errors_last_hour.unreachable).toBeGreaterThan(0);

    const asked = fake.requestsTo('alpha');
    await clock.advance(20_000);
    expect(fake.requestsTo('alpha')).toBe(asked);

    fake.set('alpha', { kind: 'ok', slots: 7 });
    await clock.advance(15_000);
    expect(poller.breakerState('alpha')).toBe('closed');
    for (const state of await records(cache, alphaIds)) {
      expect(state.availability?.slot_count).toBe(7);
      expect(state.last_error).toBeNull();
      expect(state.held_back).toBeNull();
      expect(Date.parse(state.valid_at ?? '')).toBeGreaterThan(Date.parse(good[0]?.valid_at ?? ''));
    }
  });

  it('stop aborts requests in flight and resolves without recording them as failures', async () => {
    const { clock, cache, fake, poller } = setup();
    fake.set('alpha', { kind: 'hang' });
    await poller.start();
    await clock.advance(6000);
    expect(fake.inFlight()).toBe(2);
    await poller.stop();
    running = undefined;
    expect(fake.inFlight()).toBe(0);
    expect(poller.isLeader()).toBe(false);
    // Nothing was learnt about them: no record, rather than a failure that was ours.
    expect(await cache.getMany(alphaIds.map(availabilityKey))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    for (const state of await records(cache, betaIds)) expect(state.valid_at).not.toBeNull();
  });

  it('pollOnce polls every centre once and summarises per provider', async () => {
    const { fake, poller } = setup();
    fake.set('alpha', { kind: 'garbage' });
    const summary = await poller.pollOnce();
    const byName = Object.fromEntries(summary.providers.map((p) => [p.provider, p]));
    expect(byName.beta).toMatchObject({
      centres: 4,
      statuses: { some: 4, none: 0, phone_only: 0, unknown: 0 },
      held: 0,
    });
    expect(byName.alpha?.statuses.unknown).toBe(4);
    // The breaker opens at the third failure; the fourth centre was already in flight or is held.
    const failedOrHeld = (byName.alpha?.errors.bad_response ?? 0) + (byName.alpha?.held ?? 0);
    expect(byName.alpha?.errors.bad_response).toBeGreaterThanOrEqual(3);
    expect(failedOrHeld).toBe(4);
    expect(byName.alpha?.breaker).toBe('open');
  });
});
