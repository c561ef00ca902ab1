import { pino } from 'pino';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/adapters/define-adapter.ts';
import { defineAdapter } from '../../src/adapters/define-adapter.ts';
import type { CacheDriver } from '../../src/cache/cache.ts';
import { memoryDriver } from '../../src/cache/drivers/memory.ts';
import { redisDriver } from '../../src/cache/drivers/redis.ts';
import { availabilityKey, CentreState } from '../../src/poller/centre-state.ts';
import { createPoller, type Poller } from '../../src/poller/poller.ts';
import { fakeAdapter, fakeCentre, fakeFetch } from '../fixtures/poller/fake-providers.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { type RunningRedis, startRedis } from '../support/redis-server.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

// Issue 13, point 3: a Redis that restarts empty gets back what the instances' mirrors hold, never
// over a value another instance wrote since, and no centre is left "pas encore vérifié" for a day.

const silent = pino({ level: 'silent' });
let redis: RunningRedis;
let raw: ReturnType<typeof createClient>;
const drivers: CacheDriver[] = [];
const proxies: TcpProxy[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
  await Promise.all(proxies.splice(0).map((p) => p.close()));
  if (raw?.isOpen) await raw.close();
});
afterAll(() => redis?.stop());

function driver(url: string, prefix: string): CacheDriver {
  const d = redisDriver({ url, keyPrefix: prefix, reconnectMaxDelayMs: 200, logger: silent });
  drivers.push(d);
  return d;
}

/** Resolves the next time `d` finds the shared store lost its data and has written back its mirror. */
function nextLoss(d: CacheDriver): Promise<void> {
  if (!d.onStoreLost) throw new Error(`${d.name} driver cannot tell that Redis lost its data`);
  return new Promise((resolve) => {
    const off = d.onStoreLost?.(() => {
      off?.();
      resolve();
    });
  });
}

async function rawClient() {
  raw = createClient({ url: redis.url });
  raw.on('error', () => {});
  await raw.connect();
  return raw;
}

describe('Redis restarted empty, two instances', () => {
  it('writes back what each mirror holds, without overwriting a value written since', async () => {
    const proxy = await startTcpProxy(redis.port);
    proxies.push(proxy);
    const a = driver(`redis://127.0.0.1:${proxy.port}`, 'two:');
    const b = driver(redis.url, 'two:');
    await a.set('availability:c1', { by: 'a', n: 1 });
    await a.set('availability:c2', { by: 'a', n: 2 }, { ttlSeconds: 3600 });
    await a.set('availability:c3', { by: 'a', n: 3 });
    // B (a web instance) has read two of them: its mirror holds those.
    expect(await b.getMany(['availability:c1', 'availability:c2'])).toHaveLength(2);

    proxy.cut();
    const bSawLoss = nextLoss(b);
    await redis.restart();
    await bSawLoss;
    // Since the restart, B writes a newer c1; A, cut off, writes c4 meanwhile.
    await b.set('availability:c1', { by: 'b', n: 10 });
    await a.set('availability:c4', { by: 'a', n: 4 });

    const aSawLoss = nextLoss(a);
    proxy.heal();
    await aSawLoss;

    const client = await rawClient();
    const read = async (key: string) => JSON.parse((await client.get(`two:v:${key}`)) ?? 'null');
    expect(await read('availability:c1')).toEqual({ by: 'b', n: 10 });
    expect(await read('availability:c2')).toEqual({ by: 'a', n: 2 });
    expect(await read('availability:c3')).toEqual({ by: 'a', n: 3 });
    expect(await read('availability:c4')).toEqual({ by: 'a', n: 4 });
    const ttl = await client.pTTL('two:v:availability:c2');
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    expect(await client.pTTL('two:v:availability:c3')).toBe(-1);
  });
});

// A phone-only centre is checked once a day (intervals.offline_s): without help, a lost record stays
// lost until tomorrow.
const phoneOnly = defineAdapter({
  name: 'phoney',
  defaultBaseUrl: 'http://phoney.test',
  claims: () => false,
  async fetchAvailability(centre) {
    return {
      status: 'phone_only',
      next_slot: null,
      slot_count: 0,
      per_day: {},
      per_dose: { first: 0, second: 0, booster: 0, unknown: 0 },
      per_vaccine: {},
      booking_url: null,
      booking_phone: centre.phones[0] ?? null,
    };
  },
}) as Adapter;
const alpha = fakeAdapter('alpha') as Adapter;
const centres = [fakeCentre('alpha', 1), fakeCentre('alpha', 2), fakeCentre('phoney', 1)];
const ids = centres.map((c) => c.id);

function poller(cache: CacheDriver, clock: FakeClock): Poller {
  const settings = (name: string) => ({
    base_url: `http://${name}.test`,
    rate_limit: { requests: 1000, per_seconds: 1 },
    timeout_ms: 600_000,
  });
  return createPoller({
    centres,
    adapters: [alpha, phoneOnly],
    adapterFor: (centre) => (centre.id.startsWith('phoney') ? phoneOnly : alpha),
    providers: { alpha: settings('alpha'), phoney: settings('phoney') },
    cache,
    config: {
      intervals: { active_s: 60, quiet_s: 60, offline_s: 86_400 },
      initial_spread_s: 1,
      write_every_ms: 1000,
      lease_ttl_s: 600,
    },
    clock,
    random: () => 0.5,
    fetch: fakeFetch().fetch,
    logger: silent,
  });
}

async function recordsIn(cache: CacheDriver): Promise<Array<CentreState | undefined>> {
  const values = await cache.getMany(ids.map(availabilityKey));
  return values.map((v) => (v === undefined ? undefined : CentreState.parse(v)));
}

describe('Redis restarted empty, the poller', () => {
  it('leaves no centre without its record, the phone-only one included', async () => {
    const clock = new FakeClock();
    const cache = driver(redis.url, 'poll:');
    const running = poller(cache, clock);
    try {
      await running.start();
      await clock.advance(5_000);
      const before = await recordsIn(cache);
      expect(before.every((r) => r?.checked_at)).toBe(true);

      const lost = nextLoss(cache);
      await redis.restart();
      await lost;
      await clock.advance(2_000);

      const client = await rawClient();
      const after = await Promise.all(ids.map(async (id) => client.get(`poll:v:${availabilityKey(id)}`)));
      expect(after.map((json) => (json ? CentreState.parse(JSON.parse(json)).checked_at : null))).toEqual(
        before.map((r) => r?.checked_at),
      );
    } finally {
      await running.stop();
    }
  });

  it('re-polls now the centres the cache lost that no mirror held, phone-only included', async () => {
    // A memory store standing for a shared one that lost everything and got nothing back.
    const store = memoryDriver({ snapshotIntervalMs: 0, logger: silent });
    let tellLoss = () => {};
    const cache: CacheDriver = {
      ...store,
      onStoreLost(listener) {
        tellLoss = listener;
        return () => {
          tellLoss = () => {};
        };
      },
    };
    const clock = new FakeClock();
    const running = poller(cache, clock);
    const polled: string[] = [];
    const watched = phoneOnly.fetchAvailability;
    phoneOnly.fetchAvailability = async (centre, ctx) => {
      polled.push(centre.id);
      return watched(centre, ctx);
    };
    try {
      await running.start();
      await clock.advance(5_000);
      expect(polled).toEqual(['phoney-1']);
      for (const id of ids) await store.delete(availabilityKey(id));
      tellLoss();
      await clock.advance(2_000);
      // Re-polled at once instead of in a day, and every record is back.
      expect(polled).toEqual(['phoney-1', 'phoney-1']);
      expect((await recordsIn(cache)).every((r) => r?.checked_at)).toBe(true);
    } finally {
      phoneOnly.fetchAvailability = watched;
      await running.stop();
      await store.close();
    }
  });
});
