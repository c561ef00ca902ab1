import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../../src/adapters/define-adapter.ts';
import type { CacheDriver, CacheLease } from '../../../src/cache/cache.ts';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';
import type { PollerClock } from '../../../src/poller/clock.ts';
import { createPoller } from '../../../src/poller/poller.ts';
import { fakeAdapter, fakeCentre, fakeFetch } from '../../fixtures/poller/fake-providers.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const alpha = fakeAdapter('alpha') as Adapter;
const centres = [1, 2].map((n) => fakeCentre('alpha', n));

/** A lease with expiry on the test clock, as Redis keeps it (`SET NX PX`). */
function fakeLease(now: () => number): CacheLease & { holder(): string | null; unreachable: boolean } {
  let owner: { holder: string; until: number } | null = null;
  const held = () => (owner && owner.until > now() ? owner.holder : null);
  const lease = {
    unreachable: false,
    holder: held,
    async acquire(_name: string, holder: string, ttlMs: number) {
      if (lease.unreachable) throw new Error('ECONNREFUSED');
      const current = held();
      if (current !== null && current !== holder) return false;
      owner = { holder, until: now() + ttlMs };
      return true;
    },
    async renew(_name: string, holder: string, ttlMs: number) {
      if (lease.unreachable) throw new Error('ECONNREFUSED');
      if (held() !== holder) return false;
      owner = { holder, until: now() + ttlMs };
      return true;
    },
    async release(_name: string, holder: string) {
      if (held() === holder) owner = null;
    },
  };
  return lease;
}

/** An instance whose process can die: its timers stop firing, and it never releases anything. */
function mortal(clock: FakeClock): { clock: PollerClock; kill(): void } {
  let dead = false;
  return {
    clock: {
      now: clock.now,
      setTimeout: (callback, ms) => clock.setTimeout(() => dead || callback(), ms),
      clearTimeout: clock.clearTimeout,
    },
    kill: () => {
      dead = true;
    },
  };
}

function instance(name: string, clock: FakeClock, cache: CacheDriver) {
  const life = mortal(clock);
  const fake = fakeFetch();
  const poller = createPoller({
    centres,
    adapters: [alpha],
    adapterFor: () => alpha,
    providers: { alpha: { base_url: 'http://alpha.test', rate_limit: { requests: 1000, per_seconds: 1 } } },
    cache,
    config: { intervals: { active_s: 5 }, initial_spread_s: 1, lease_ttl_s: 15 },
    clock: life.clock,
    fetch: fake.fetch,
    logger: pino({ level: 'silent' }),
    instanceId: name,
  });
  return { poller, fake, kill: life.kill };
}

describe('one poller among instances sharing a cache', () => {
  it('only the lease holder polls; a standby takes over within a lease period of its death', async () => {
    const clock = new FakeClock();
    const lease = fakeLease(clock.now);
    const cache: CacheDriver = { ...memoryDriver({}), lease };
    const a = instance('a', clock, cache);
    const b = instance('b', clock, cache);
    await a.poller.start();
    await b.poller.start();
    await clock.advance(30_000);
    expect([a.poller.isLeader(), b.poller.isLeader()]).toEqual([true, false]);
    expect(a.fake.requestsTo('alpha')).toBeGreaterThan(5);
    expect(b.fake.requestsTo('alpha')).toBe(0);

    a.kill();
    const diedAt = clock.now();
    while (!b.poller.isLeader() && clock.now() - diedAt < 60_000) await clock.advance(1000);
    expect(b.poller.isLeader()).toBe(true);
    expect(clock.now() - diedAt).toBeLessThanOrEqual(15_000 + 5000);
    await clock.advance(10_000);
    expect(b.fake.requestsTo('alpha')).toBeGreaterThan(0);
    await b.poller.stop();
    expect(lease.holder()).toBeNull();
  });

  it('stops polling when the lease cannot be renewed', async () => {
    const clock = new FakeClock();
    const lease = fakeLease(clock.now);
    const a = instance('a', clock, { ...memoryDriver({}), lease });
    await a.poller.start();
    await clock.advance(10_000);
    expect(a.poller.isLeader()).toBe(true);
    lease.unreachable = true;
    await clock.advance(6000);
    expect(a.poller.isLeader()).toBe(false);
    const asked = a.fake.requestsTo('alpha');
    await clock.advance(30_000);
    expect(a.fake.requestsTo('alpha')).toBe(asked);
    lease.unreachable = false;
    await clock.advance(6000);
    expect(a.poller.isLeader()).toBe(true);
    await a.poller.stop();
  });
});
