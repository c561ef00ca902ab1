import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CacheDriver } from '../../../src/cache/cache.ts';
import { type RedisDriverOptions, redisDriver } from '../../../src/cache/drivers/redis.ts';
import { type RunningRedis, startRedis } from '../../support/redis-server.ts';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.ts';
import { testCacheDriver } from './driver-suite.ts';

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());

testCacheDriver({
  name: 'redis',
  // A fresh key prefix per case: an empty namespace on the shared server.
  create: (clock) => redisDriver({ url: redis.url, keyPrefix: `test:${randomUUID()}:`, now: clock.now }),
  capabilities: { lease: true, controllableClock: false },
});

describe('redis driver across instances and outages', () => {
  const opened: CacheDriver[] = [];
  const proxies: TcpProxy[] = [];
  /** Another instance of the app: its own client and mirror, same namespace. */
  const instance = (keyPrefix: string, options: Partial<RedisDriverOptions> = {}) => {
    const driver = redisDriver({
      url: redis.url,
      keyPrefix,
      reconnectMaxDelayMs: 200,
      // A stopped server or a cut proxy fails commands at once (closed sockets); this only bounds a
      // hang, and must stay above what a loaded machine takes to answer a loopback command.
      commandTimeoutMs: 5_000,
      ...options,
    });
    opened.push(driver);
    return driver;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((driver) => driver.close()));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  });

  it('lets two instances see each other’s writes and deletes', async () => {
    const prefix = `shared:${randomUUID()}:`;
    const a = instance(prefix);
    const b = instance(prefix);
    expect(a.shared && b.shared).toBe(true);
    await a.set('availability:centre-1', { slots: 4 });
    expect(await b.get('availability:centre-1')).toEqual({ slots: 4 });
    await b.set('availability:centre-1', { slots: 0 });
    expect(await a.get('availability:centre-1')).toEqual({ slots: 0 });
    expect(await b.keys('availability:')).toEqual(['availability:centre-1']);
    await b.delete('availability:centre-1');
    expect(await a.get('availability:centre-1')).toBeUndefined();
  });

  it('hands the lease over when its holder stops renewing, once it lapses and not before', async () => {
    const prefix = `lease:${randomUUID()}:`;
    const a = instance(prefix);
    const b = instance(prefix);
    const ttlMs = 3_000;
    // Times are taken around each call: Redis starts a lease's TTL somewhere between the two, so
    // every assertion holds however long the machine stalls (none is a race against the clock).
    let renewStart = performance.now();
    expect(await a.lease?.acquire('poller', 'instance-a', ttlMs)).toBe(true);
    for (let i = 0; i < 3; i += 1) {
      await sleep(ttlMs / 6);
      const previous = renewStart;
      renewStart = performance.now();
      const renewed = await a.lease?.renew('poller', 'instance-a', ttlMs);
      // Renewed before the previous term could end: it must succeed.
      if (performance.now() - previous < ttlMs) expect(renewed).toBe(true);
      const asked = performance.now();
      const taken = await b.lease?.acquire('poller', 'instance-b', ttlMs);
      if (renewed && asked - renewStart < ttlMs) expect(taken).toBe(false);
    }
    // Instance a dies here: no release, no more renewals.
    const diedAt = performance.now();
    const refusedAt: number[] = [];
    let takenAt: number | undefined;
    while (takenAt === undefined && performance.now() - diedAt < ttlMs + 60_000) {
      const asked = performance.now();
      if (await b.lease?.acquire('poller', 'instance-b', ttlMs)) takenAt = performance.now();
      else {
        refusedAt.push(asked);
        await sleep(50);
      }
    }
    expect(takenAt).toBeDefined();
    // Not before the lease lapsed, and no refusal once it had: b holds it from its first try after.
    expect(takenAt ?? 0).toBeGreaterThanOrEqual(renewStart + ttlMs - 5);
    for (const asked of refusedAt) expect(asked).toBeLessThan(diedAt + ttlMs + 5);
    expect(await a.lease?.renew('poller', 'instance-a', ttlMs)).toBe(false);
  });

  it('serves from memory while Redis is down, says so, and recovers by itself when it is back', async () => {
    const server = await startRedis();
    try {
      const driver = instance('outage:', { url: server.url });
      await driver.set('availability:centre-1', { slots: 3 });
      await driver.set('availability:centre-2', { slots: 0 }, { ttlSeconds: 60 });
      expect((await driver.health()).ok).toBe(true);

      await server.stop();
      expect(await driver.get('availability:centre-1')).toEqual({ slots: 3 });
      expect(await driver.getMany(['availability:centre-2', 'missing'])).toEqual([{ slots: 0 }, undefined]);
      expect((await driver.keys('availability:')).sort()).toEqual([
        'availability:centre-1',
        'availability:centre-2',
      ]);
      const down = await driver.health();
      expect(down).toMatchObject({ ok: false, driver: 'redis' });
      expect(down.detail).toMatch(/unreachable since .*serving 2 keys held in memory/);
      await driver.set('written-while-down', 'kept');
      expect(await driver.get('written-while-down')).toBe('kept');
      expect(await driver.lease?.acquire('poller', 'instance-a', 5_000)).toBe(false);

      await server.restart();
      await expect.poll(async () => (await driver.health()).ok, { timeout: 30_000 }).toBe(true);
      await driver.set('after-reconnect', 'stored');
      const observer = instance('outage:', { url: server.url });
      expect(await observer.get('after-reconnect')).toBe('stored');
      // The restarted server is empty: the write kept during the outage is replayed into it.
      await expect.poll(() => observer.get('written-while-down'), { timeout: 30_000 }).toBe('kept');
      expect(await driver.lease?.acquire('poller', 'instance-a', 5_000)).toBe(true);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('replays writes kept while cut off only where Redis has no value, never over another instance’s', async () => {
    const proxy = await startTcpProxy(redis.port);
    proxies.push(proxy);
    const prefix = `partition:${randomUUID()}:`;
    const cutOff = instance(prefix, { url: `redis://127.0.0.1:${proxy.port}` });
    const connected = instance(prefix);
    await cutOff.set('availability:centre-1', 'before');

    proxy.cut();
    await cutOff.set('availability:centre-1', 'from the cut-off instance');
    await cutOff.set('availability:centre-2', 'only the cut-off instance wrote this');
    await connected.set('availability:centre-1', 'from the connected instance');
    expect(await cutOff.get('availability:centre-1')).toBe('from the cut-off instance');
    expect((await cutOff.health()).detail).toMatch(/2 writes kept locally/);

    proxy.heal();
    await expect.poll(async () => (await cutOff.health()).ok, { timeout: 30_000 }).toBe(true);
    await expect
      .poll(() => connected.get('availability:centre-2'), { timeout: 30_000 })
      .toBe('only the cut-off instance wrote this');
    expect(await connected.get('availability:centre-1')).toBe('from the connected instance');
    expect(await cutOff.get('availability:centre-1')).toBe('from the connected instance');
  }, 120_000);

  it('answers from memory when Redis stops answering without closing its connections', async () => {
    const server = await startRedis();
    const driver = instance('frozen:', { url: server.url, commandTimeoutMs: 1_000 });
    try {
      await driver.ready?.();
      await expect.poll(async () => (await driver.health()).ok, { timeout: 30_000 }).toBe(true);
      await driver.set('k', 'v');
      server.pause();
      // The commands reach the socket and are never answered: without a bound of its own the read
      // would wait as long as the connection stays open, and this test would time out.
      expect(await driver.get('k')).toBe('v');
      expect(await driver.health()).toMatchObject({ ok: false, driver: 'redis' });
      server.resume();
      await expect.poll(async () => (await driver.health()).ok, { timeout: 30_000 }).toBe(true);
    } finally {
      server.resume();
      await server.stop();
    }
  }, 120_000);

  it('starts, serves and reports when Redis is not there at all, without crashing', async () => {
    const server = await startRedis();
    await server.stop();
    const driver = instance('absent:', { url: server.url, connectTimeoutMs: 300 });
    await driver.ready?.();
    await driver.set('k', 'v');
    expect(await driver.get('k')).toBe('v');
    expect(await driver.health()).toMatchObject({ ok: false, driver: 'redis' });
    await server.restart();
    try {
      await expect.poll(async () => (await driver.health()).ok, { timeout: 30_000 }).toBe(true);
      expect(await driver.get('k')).toBe('v');
    } finally {
      await server.stop();
    }
  }, 120_000);
});
