import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDriver } from '../../../src/cache/cache.ts';

export interface TestClock {
  now(): number;
}

export interface CacheDriverCapabilities {
  /** The driver offers `lease`. */
  lease: boolean;
  /**
   * TTLs follow the clock given to `create`. Otherwise they follow the wall clock (Redis), and the suite
   * really waits: its TTLs are then kept short.
   */
  controllableClock: boolean;
}

export interface CacheDriverSuiteOptions {
  name: string;
  /** A driver over empty storage, called before every case; `clock` is the suite's. */
  create(clock: TestClock): CacheDriver | Promise<CacheDriver>;
  capabilities: CacheDriverCapabilities;
}

/**
 * The behaviour every cache driver shares, as unstorage's `testDriver`: each driver's test file runs
 * it, then adds what is particular to that driver.
 */
export function testCacheDriver({ name, create, capabilities }: CacheDriverSuiteOptions): void {
  describe(`cache driver contract: ${name}`, () => {
    let time = Date.now();
    const clock: TestClock = { now: () => time };
    let driver: CacheDriver;
    let closed: boolean;

    /** Lets `ms` pass for the driver: on its clock, and on the wall clock when it expires by that one. */
    async function elapse(ms: number): Promise<void> {
      time += ms;
      if (!capabilities.controllableClock) await sleep(ms);
    }

    /**
     * Whether less than `ms` has passed since `since` (a `performance.now()` taken before the write),
     * so that "not expired yet" can be asserted. Always on a controllable clock; on a wall-clock one
     * (Redis expires keys itself), a loaded machine may sleep far longer than asked, and then the
     * value has honestly expired: the assertion is skipped rather than raced.
     */
    function within(since: number, ms: number): boolean {
      return capabilities.controllableClock || performance.now() - since < ms;
    }

    beforeEach(async () => {
      time = Date.now();
      closed = false;
      driver = await create(clock);
      await driver.ready?.();
    });
    afterEach(async () => {
      if (!closed) await driver.close();
    });

    it('declares the capabilities it has', () => {
      expect(driver.name).toBe(name);
      expect(driver.lease !== undefined).toBe(capabilities.lease);
      expect(typeof driver.shared).toBe('boolean');
    });

    it('answers undefined for a key never written', async () => {
      expect(await driver.get('centre:nowhere')).toBeUndefined();
      expect(await driver.getMany(['centre:nowhere', 'centre:nor-here'])).toEqual([undefined, undefined]);
    });

    it('returns what was set, falsy values included, and the last write wins', async () => {
      await driver.set('zero', 0);
      await driver.set('no', false);
      await driver.set('empty', '');
      await driver.set('nothing', null);
      await driver.set('count', 1);
      await driver.set('count', 2);
      expect(await driver.getMany(['zero', 'no', 'empty', 'nothing', 'count'])).toEqual([
        0,
        false,
        '',
        null,
        2,
      ]);
    });

    it('round-trips nested JSON values', async () => {
      const availability = {
        status: 'some',
        slots: 12,
        next_slot: '2021-05-18T14:30:00+02:00',
        vaccines: ['pfizer', 'moderna'],
        doses: { first: { count: 10, dates: ['2021-05-18', '2021-05-19'] }, second: { count: 2, dates: [] } },
        error: null,
        ratio: 0.25,
      };
      await driver.set('availability:centre-1', availability);
      expect(await driver.get('availability:centre-1')).toEqual(availability);
    });

    it('keeps unicode keys and values intact', async () => {
      const key = 'centre:Saint-Étienne:💉:東京';
      const value = { label: 'Créneau mardi à 14 h 30 — “vérifié”', emoji: '🗓️💉', cjk: '疫苗', rtl: 'لقاح' };
      await driver.set(key, value);
      expect(await driver.get(key)).toEqual(value);
      expect(await driver.keys('centre:Saint-Étienne:')).toEqual([key]);
    });

    it('stores a large value (a few megabytes)', async () => {
      const slots = Array.from({ length: 30_000 }, (_, i) => ({
        id: `slot-${i}`,
        start: new Date(Date.UTC(2021, 4, 18, 8, i % 600)).toISOString(),
        agenda: i % 7,
      }));
      await driver.set('large', { slots });
      const read = await driver.get<{ slots: typeof slots }>('large');
      expect(read?.slots).toHaveLength(30_000);
      expect(read).toEqual({ slots });
    });

    it('reads many keys at once, in the order asked, undefined for missing ones', async () => {
      await driver.setMany([
        ['a', 1],
        ['b', { two: 2 }],
        ['c', [3]],
      ]);
      expect(await driver.getMany(['c', 'missing', 'a', 'b', 'a'])).toEqual([
        [3],
        undefined,
        1,
        { two: 2 },
        1,
      ]);
      expect(await driver.getMany([])).toEqual([]);
    });

    it('deletes a key, and deleting a missing key is harmless', async () => {
      await driver.set('gone', 'soon');
      await driver.set('kept', 'yes');
      await driver.delete('gone');
      await driver.delete('never-there');
      expect(await driver.get('gone')).toBeUndefined();
      expect(await driver.get('kept')).toBe('yes');
      expect(await driver.keys('')).toEqual(['kept']);
    });

    it('lists keys by prefix, taking glob characters in the prefix literally', async () => {
      await driver.setMany([
        ['availability:doctolib:1', 1],
        ['availability:doctolib:2', 2],
        ['availability:maiia:1', 3],
        ['status:doctolib', 4],
        ['odd*[x]?:1', 5],
        ['oddbox:1', 6], // what the prefix would match as a glob
      ]);
      expect((await driver.keys('availability:doctolib:')).sort()).toEqual([
        'availability:doctolib:1',
        'availability:doctolib:2',
      ]);
      expect((await driver.keys('availability:')).sort()).toHaveLength(3);
      expect(await driver.keys('odd*[x]?')).toEqual(['odd*[x]?:1']);
      expect(await driver.keys('nothing:')).toEqual([]);
      expect((await driver.keys('')).sort()).toHaveLength(6);
    });

    it('forgets a value once its TTL has passed, not before', async () => {
      const written = performance.now();
      await driver.set('short', 'lived', { ttlSeconds: 1 });
      await driver.set('forever', 'here');
      await elapse(400);
      const early = await driver.get('short');
      if (within(written, 1000)) expect(early).toBe('lived');
      await elapse(800);
      expect(await driver.get('short')).toBeUndefined();
      expect(await driver.getMany(['short', 'forever'])).toEqual([undefined, 'here']);
      expect(await driver.keys('')).toEqual(['forever']);
    });

    it('expires every entry of a setMany with a TTL', async () => {
      await driver.setMany(
        [
          ['batch:1', 1],
          ['batch:2', 2],
        ],
        { ttlSeconds: 0.5 },
      );
      expect(await driver.keys('batch:')).toHaveLength(2);
      await elapse(800);
      expect(await driver.getMany(['batch:1', 'batch:2'])).toEqual([undefined, undefined]);
      expect(await driver.keys('batch:')).toEqual([]);
    });

    it('drops an earlier TTL when a key is set again without one (as Redis SET does)', async () => {
      await driver.set('refreshed', 'old', { ttlSeconds: 0.5 });
      await driver.set('refreshed', 'new');
      await elapse(800);
      expect(await driver.get('refreshed')).toBe('new');
    });

    it('refuses a TTL that is not a positive number of seconds, and undefined values, writing nothing', async () => {
      await expect(driver.set('bad', 1, { ttlSeconds: 0 })).rejects.toThrow(RangeError);
      await expect(driver.set('bad', 1, { ttlSeconds: -5 })).rejects.toThrow(RangeError);
      await expect(driver.set('bad', 1, { ttlSeconds: Number.NaN })).rejects.toThrow(RangeError);
      await expect(driver.set('bad', undefined)).rejects.toThrow(TypeError);
      await expect(
        driver.setMany([
          ['ok', 1],
          ['bad', undefined],
        ]),
      ).rejects.toThrow(TypeError);
      expect(await driver.getMany(['bad', 'ok'])).toEqual([undefined, undefined]);
    });

    it('keeps every one of many concurrent writes', async () => {
      const ids = Array.from({ length: 200 }, (_, i) => `concurrent:${i}`);
      await Promise.all(ids.map((id, i) => driver.set(id, { i })));
      expect(await driver.getMany(ids)).toEqual(ids.map((_, i) => ({ i })));
      expect(await driver.keys('concurrent:')).toHaveLength(200);
    });

    it('ends concurrent writes to one key with one of the values written', async () => {
      const values = Array.from({ length: 50 }, (_, i) => ({ writer: i }));
      await Promise.all(values.map((value) => driver.set('contended', value)));
      expect(values).toContainEqual(await driver.get('contended'));
      expect(await driver.keys('contended')).toEqual(['contended']);
    });

    it('reports itself healthy when its store is reachable', async () => {
      const health = await driver.health();
      expect(health).toMatchObject({ ok: true, driver: name });
    });

    it('closes cleanly', async () => {
      await driver.set('last', 'write');
      closed = true;
      await expect(driver.close()).resolves.toBeUndefined();
    });

    describe.skipIf(!capabilities.lease)('lease', () => {
      const lease = () => {
        if (!driver.lease) throw new Error(`${name} has no lease`);
        return driver.lease;
      };

      it('has one holder at a time, and the holder may acquire again', async () => {
        expect(await lease().acquire('poller', 'instance-a', 5_000)).toBe(true);
        expect(await lease().acquire('poller', 'instance-b', 5_000)).toBe(false);
        expect(await lease().acquire('poller', 'instance-a', 5_000)).toBe(true);
        expect(await lease().acquire('other-job', 'instance-b', 5_000)).toBe(true);
      });

      it('lets another holder take over once the lease has expired', async () => {
        expect(await lease().acquire('poller', 'instance-a', 300)).toBe(true);
        await elapse(500);
        expect(await lease().acquire('poller', 'instance-b', 5_000)).toBe(true);
        expect(await lease().renew('poller', 'instance-a', 5_000)).toBe(false);
      });

      it('extends the lease when its holder renews it', async () => {
        const acquired = performance.now();
        expect(await lease().acquire('poller', 'instance-a', 600)).toBe(true);
        await elapse(400);
        const renewing = performance.now();
        const renewed = await lease().renew('poller', 'instance-a', 600);
        if (within(acquired, 600)) expect(renewed).toBe(true);
        await elapse(400);
        const taken = await lease().acquire('poller', 'instance-b', 600);
        if (renewed && within(renewing, 600)) expect(taken).toBe(false);
      });

      it('neither renews nor extends for anyone but the holder', async () => {
        expect(await lease().acquire('poller', 'instance-a', 600)).toBe(true);
        await elapse(400);
        expect(await lease().renew('poller', 'instance-b', 600)).toBe(false);
        await elapse(400);
        expect(await lease().acquire('poller', 'instance-b', 600)).toBe(true);
      });

      it('is released by its holder only', async () => {
        expect(await lease().acquire('poller', 'instance-a', 5_000)).toBe(true);
        await lease().release('poller', 'instance-b');
        expect(await lease().acquire('poller', 'instance-b', 5_000)).toBe(false);
        await lease().release('poller', 'instance-a');
        expect(await lease().acquire('poller', 'instance-b', 5_000)).toBe(true);
      });

      it('keeps leases out of the listed keys', async () => {
        await lease().acquire('poller', 'instance-a', 5_000);
        await driver.set('value', 1);
        expect(await driver.keys('')).toEqual(['value']);
      });
    });
  });
}
