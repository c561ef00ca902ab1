import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../../src/adapters/define-adapter.ts';
import { createAvailabilityView } from '../../../src/availability/availability-view.ts';
import type { CacheDriver } from '../../../src/cache/cache.ts';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';
import {
  AVAILABILITY_CHANGES_KEY,
  type AvailabilityChange,
  AvailabilityChanges,
  appendChange,
  CHANGED_IDS_KEPT,
  CHANGES_KEPT,
  changedBetween,
} from '../../../src/poller/availability-changes.ts';
import { AVAILABILITY_VERSION_KEY, availabilityKey } from '../../../src/poller/centre-state.ts';
import { createPoller, type Poller } from '../../../src/poller/poller.ts';
import { fakeAdapter, fakeCentre, fakeFetch, unthrottledLane } from '../../fixtures/poller/fake-providers.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const change = (previous: number | null, version: number, ids: string[] | null): AvailabilityChange => ({
  previous,
  version,
  ids,
});

describe('the change log', () => {
  it('lists the centres changed between two versions when every batch in between is there', () => {
    const log = [change(null, 1, ['a']), change(1, 2, ['b', 'c']), change(2, 3, ['a', 'd'])];
    expect(changedBetween(log, 1, 3)).toEqual(new Set(['b', 'c', 'a', 'd']));
    expect(changedBetween(log, 2, 3)).toEqual(new Set(['a', 'd']));
  });

  it('cannot say when a batch is missing, unlisted, or the versions are unknown to it', () => {
    expect(changedBetween([change(1, 2, ['a']), change(5, 6, ['b'])], 1, 6)).toBeNull();
    expect(changedBetween([change(1, 2, null)], 1, 2)).toBeNull();
    expect(changedBetween([change(1, 2, ['a'])], 0, 2)).toBeNull();
    expect(changedBetween([change(1, 2, ['a'])], 1, 3)).toBeNull();
  });

  it('keeps the latest batches only, within a bound of batches and of ids', () => {
    let log: AvailabilityChange[] = [];
    for (let v = 1; v <= CHANGES_KEPT + 5; v++) log = appendChange(log, change(v - 1, v, [`c${v}`]));
    expect(log).toHaveLength(CHANGES_KEPT);
    expect(log.at(-1)?.version).toBe(CHANGES_KEPT + 5);
    const many = Array.from({ length: CHANGED_IDS_KEPT - 1 }, (_, i) => `m${i}`);
    log = appendChange(log, change(100, 101, many));
    expect(log.map((c) => c.version)).toEqual([CHANGES_KEPT + 5, 101]);
    const tooMany = Array.from({ length: CHANGED_IDS_KEPT + 1 }, (_, i) => `t${i}`);
    expect(appendChange([], change(1, 2, tooMany))).toEqual([change(1, 2, null)]);
  });
});

const alpha = fakeAdapter('alpha') as Adapter;
const centres = Array.from({ length: 12 }, (_, i) => fakeCentre('alpha', i + 1));

let running: Poller | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A cache that counts the records read, to tell an incremental reload from a full one. */
function counting(cache: CacheDriver) {
  const read: number[] = [];
  const wrapped: CacheDriver = {
    ...cache,
    getMany: (keys) => {
      const records = keys.filter((k) => k.startsWith('availability:')).length;
      if (records > 0) read.push(records);
      return cache.getMany(keys);
    },
  };
  return { cache: wrapped, read };
}

describe('the availability view over the poller’s batches', () => {
  it('re-reads only the centres each batch touched, and ends equal to a full re-read', async () => {
    const clock = new FakeClock();
    const cache = memoryDriver({});
    let draw = 0;
    const poller = createPoller({
      centres,
      adapters: [alpha],
      adapterFor: () => alpha,
      providers: unthrottledLane('alpha', { timeout_ms: 600_000 }),
      cache,
      config: {
        // Centres due at different times, so each batch holds a few of them.
        intervals: { active_s: 60, quiet_s: 60 },
        initial_spread_s: 10,
        write_every_ms: 1000,
      },
      clock,
      // Spread over the first ten seconds and jittered later, so batches hold a few centres each.
      random: () => {
        draw = (draw + 0.377) % 1;
        return draw;
      },
      fetch: fakeFetch().fetch,
      logger: pino({ level: 'silent' }),
    });
    running = poller;
    const { cache: watched, read } = counting(cache);
    const view = createAvailabilityView(watched);
    await view.refresh();
    await poller.start();
    for (let second = 0; second < 130; second++) {
      await clock.advance(1000);
      await view.refresh();
    }
    const log = AvailabilityChanges.parse(await cache.get(AVAILABILITY_CHANGES_KEY));
    expect(log.at(-1)?.version).toBe(await cache.get(AVAILABILITY_VERSION_KEY));
    // The first load reads everything; later ones only what moved.
    expect(read.length, String(read)).toBeGreaterThan(2);
    expect(
      read.slice(1).every((n) => n < centres.length),
      String(read),
    ).toBe(true);

    const full = createAvailabilityView(cache);
    await full.refresh();
    for (const centre of centres) {
      expect(view.state(centre.id)).toBeDefined();
      expect(view.state(centre.id)).toEqual(full.state(centre.id));
      expect(view.state(centre.id)).toEqual(await cache.get(availabilityKey(centre.id)));
    }
  });

  it('re-reads everything when the log does not reach back to the version it holds', async () => {
    const cache = memoryDriver({});
    const { cache: watched, read } = counting(cache);
    const state = (id: string, checkedAt: string) => ({ centre_id: id, checked_at: checkedAt });
    await cache.setMany([
      [availabilityKey('a'), state('a', '1')],
      [availabilityKey('b'), state('b', '1')],
      [AVAILABILITY_VERSION_KEY, 1],
    ]);
    const view = createAvailabilityView(watched);
    await view.refresh();
    // Written by something that keeps no log (an older poller, a test): the view cannot trust one.
    await cache.setMany([
      [availabilityKey('b'), state('b', '2')],
      [AVAILABILITY_CHANGES_KEY, [change(5, 6, ['a'])]],
      [AVAILABILITY_VERSION_KEY, 6],
    ]);
    await view.refresh();
    expect(read).toEqual([2, 2]);
    expect(view.state('b')).toEqual(state('b', '2'));
  });
});
