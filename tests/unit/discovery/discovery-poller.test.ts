import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterContext } from '../../../src/adapters/context.ts';
import keldocDiscovery from '../../../src/adapters/keldoc/discover.ts';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';
import { departementByCode } from '../../../src/discovery/departements.ts';
import { openProposalStore } from '../../../src/discovery/proposal-store.ts';
import { runDiscovery } from '../../../src/discovery/run-discovery.ts';
import { createPoller, type Poller } from '../../../src/poller/poller.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { tempDir } from '../../support/temp-dir.ts';

const HOUR = 3_600_000;
const answer = readFileSync(
  new URL('../../fixtures/discovery/keldoc-geo-location.json', import.meta.url),
  'utf8',
);
const rennes = departementByCode('35');
if (!rennes) throw new Error('no département 35');

let poller: Poller | undefined;
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

describe("the poller's discovery schedule", () => {
  it('runs discovery through the provider lanes, slowly, while it polls, and stops with it', async () => {
    const clock = new FakeClock();
    const asked: string[] = [];
    const dataDir = tempDir('creneau-discovery-poller-');
    const store = openProposalStore(dataDir);
    const contexts: Array<AdapterContext | undefined> = [];
    let runs = 0;
    let lastRun: Promise<unknown> = Promise.resolve();
    poller = createPoller({
      centres: [],
      cache: memoryDriver({}),
      clock,
      logger: pino({ level: 'silent' }),
      providers: {
        keldoc: { base_url: 'https://keldoc.test', rate_limit: { requests: 5, per_seconds: 60 } },
      },
      fetch: async (input) => {
        asked.push(String(input));
        return new Response(answer, { headers: { 'content-type': 'application/json' } });
      },
      discovery: {
        everyMs: 6 * HOUR,
        firstAfterMs: 60_000,
        async run(contextFor) {
          runs++;
          contexts.push(contextFor('keldoc'));
          lastRun = runDiscovery({
            centres: [],
            departements: [rennes],
            store,
            contextFor,
            discoveries: [keldocDiscovery],
            now: () => new Date(clock.now()),
            logger: pino({ level: 'silent' }),
          });
          await lastRun;
        },
      },
    });
    await poller.start();
    await clock.advance(59_000);
    expect(runs).toBe(0);
    await clock.advance(2_000);
    expect(runs).toBe(1);
    await lastRun;
    // The lane's context: its settings, its rate limit, its statistics.
    expect(contexts[0]?.settings).toMatchObject({
      base_url: 'https://keldoc.test',
      rate_limit: { requests: 5, per_seconds: 60 },
    });
    // (The SMART lane reads its feed meanwhile: only Keldoc's requests are discovery's here.)
    expect(asked.filter((url) => url.startsWith('https://keldoc.test/'))).toEqual([
      'https://keldoc.test/api/patients/v2/searches/geo_location?specialty_id=maladies-infectieuses&raw_location=ille-et-vilaine-35&page=1',
    ]);
    expect(poller.providerStats().find((s) => s.provider === 'keldoc')?.requests_last_hour).toBe(1);
    expect((await store.listProposals()).map((p) => [p.kind, p.discovered.platform_id]).sort()).toEqual([
      ['new_centre', '16792'],
      ['new_centre', '16793'],
    ]);
    await clock.advance(6 * HOUR - 10_000);
    expect(runs).toBe(1);
    await clock.advance(20_000);
    expect(runs).toBe(2);
    await lastRun;
    // The second run finds the same places: no proposal twice.
    expect(await store.listProposals()).toHaveLength(2);
    await poller.stop();
    poller = undefined;
    await clock.advance(12 * HOUR);
    expect(runs).toBe(2);
  });
});
