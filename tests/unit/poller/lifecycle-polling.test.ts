import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../../src/adapters/define-adapter.ts';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';
import { createPoller, type Poller } from '../../../src/poller/poller.ts';
import type { Centre } from '../../../src/registry/centre.ts';
import { fakeAdapter, fakeCentre, fakeFetch, unthrottledLane } from '../../fixtures/poller/fake-providers.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const alpha = fakeAdapter('alpha') as Adapter;

// The fake clock starts on 2021-04-20 at 10:00 in Paris.
const centres: Centre[] = [
  fakeCentre('alpha', 1),
  { ...fakeCentre('alpha', 2), closed: true },
  { ...fakeCentre('alpha', 3), closes_on: '2021-04-20' },
  { ...fakeCentre('alpha', 4), opens_on: '2021-04-21' },
  { ...fakeCentre('alpha', 5), duplicate_of: 'alpha-1' },
];

let running: Poller | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function setup() {
  const clock = new FakeClock('2021-04-20T08:00:00Z');
  const fake = fakeFetch();
  const urls: string[] = [];
  const fetch: typeof fake.fetch = (input, init) => {
    urls.push(String(input));
    return fake.fetch(input, init);
  };
  const poller = createPoller({
    centres,
    adapters: [alpha],
    adapterFor: () => alpha,
    providers: unthrottledLane('alpha'),
    cache: memoryDriver({}),
    config: { intervals: { active_s: 3600, quiet_s: 3600 }, initial_spread_s: 10, write_every_ms: 1000 },
    clock,
    random: () => 0.5,
    fetch,
    logger: pino({ level: 'silent' }),
  });
  running = poller;
  const idsSince = (from: number) => urls.slice(from).map((url) => url.split('/').pop());
  return { clock, poller, fake, urls, idsSince };
}

describe('poller and the centres’ lifecycle', () => {
  it('pollOnce leaves out closed centres, centres not open yet and duplicates', async () => {
    const { poller, fake } = setup();
    const summary = await poller.pollOnce();
    expect(summary.providers.find((p) => p.provider === 'alpha')?.statuses.some).toBe(2);
    expect(fake.requestsTo('alpha')).toBe(2);
  });

  it('stops polling a centre the day after its date_fermeture and starts one on its date_ouverture, without a restart', async () => {
    const { clock, poller, urls, idsSince } = setup();
    await poller.start();
    await clock.advance(20_000);
    expect(new Set(idsSince(0))).toEqual(new Set(['alpha-1', 'alpha-3']));
    // Hourly polls; the 21st starts in Paris at 22:00 UTC.
    await clock.advance(Date.parse('2021-04-20T21:30:00Z') - clock.now());
    const onThe20th = idsSince(0);
    expect(onThe20th.filter((id) => id === 'alpha-3').length).toBeGreaterThan(10);
    expect(onThe20th).not.toContain('alpha-4');
    const before = urls.length;
    await clock.advance(4 * 3600_000);
    const onThe21st = idsSince(before);
    expect(onThe21st).toContain('alpha-1');
    expect(onThe21st).toContain('alpha-4');
    expect(onThe21st).not.toContain('alpha-3');
    expect([...onThe20th, ...onThe21st]).not.toContain('alpha-2');
    expect([...onThe20th, ...onThe21st]).not.toContain('alpha-5');
  });
});
