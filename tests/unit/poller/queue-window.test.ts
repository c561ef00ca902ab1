import PQueue from 'p-queue';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Adapter } from '../../../src/adapters/define-adapter.ts';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';
import { availabilityKey, CentreState } from '../../../src/poller/centre-state.ts';
import { createPoller, type Poller } from '../../../src/poller/poller.ts';
import { fakeAdapter, fakeCentre, fakeFetch, unthrottledLane } from '../../fixtures/poller/fake-providers.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const alpha = fakeAdapter('alpha') as Adapter;
const centres = Array.from({ length: 40 }, (_, i) => fakeCentre('alpha', i + 1));

let running: Poller | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await running?.stop();
  running = undefined;
});

describe('poller queue window', () => {
  it('hands a lane a few due centres at a time, and still polls every one once, in registry order', async () => {
    let largestQueue = 0;
    const add = PQueue.prototype.add;
    vi.spyOn(PQueue.prototype, 'add').mockImplementation(function (this: PQueue, ...args) {
      largestQueue = Math.max(largestQueue, this.size);
      return add.apply(this, args as Parameters<typeof add>);
    } as typeof add);
    const clock = new FakeClock();
    const cache = memoryDriver({});
    const fake = fakeFetch();
    const requested: string[] = [];
    running = createPoller({
      centres,
      adapters: [alpha],
      adapterFor: () => alpha,
      providers: unthrottledLane('alpha'),
      cache,
      config: { intervals: { active_s: 600, quiet_s: 600 }, initial_spread_s: 1, write_every_ms: 1000 },
      clock,
      random: () => 0,
      fetch: (input, init) => {
        requested.push(String(input));
        return fake.fetch(input, init);
      },
      logger: pino({ level: 'silent' }),
    });
    await running.start();
    // Every centre due from the start (no spread: random() is 0).
    for (let s = 0; s < 5; s++) await clock.advance(1000);

    expect(requested).toEqual(centres.map((c) => `http://alpha.test/centres/${c.id}`));
    // At most 4 × concurrency handed over, 2 of them running: the rest wait as entries.
    expect(largestQueue).toBeLessThanOrEqual(6);
    const states = (await cache.getMany(centres.map((c) => availabilityKey(c.id)))).map((v) =>
      CentreState.parse(v),
    );
    expect(states.every((state) => state.availability?.slot_count === 2)).toBe(true);
  });
});
