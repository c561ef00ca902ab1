import { readdir } from 'node:fs/promises';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createCentreIndex } from '../../../src/registry/centre-index.ts';
import { startStatsSampler } from '../../../src/stats/sampler.ts';
import { readSeries } from '../../../src/stats/series-store.ts';
import { StatsSettings } from '../../../src/stats/stats-settings.ts';
import { centreIn, fakeView, stateOf } from '../../fixtures/stats/view.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { tempDir } from '../../support/temp-dir.ts';

const logger = pino({ level: 'silent' });
const MINUTE = 60_000;

function setUp(options: { leader?: () => boolean; loaded?: boolean; settings?: object } = {}) {
  const dataDir = tempDir('creneau-sampler-');
  // 09:55 UTC: the first 10-minute mark is 10:00.
  const clock = new FakeClock('2021-05-03T09:55:00Z');
  const app = {
    availability: fakeView([stateOf('a', 'some', 12), stateOf('b', 'some', 30)], options.loaded ?? true),
    centres: createCentreIndex([centreIn('a', '35', 'doctolib'), centreIn('b', '29', 'maiia')]),
  };
  const sampler = startStatsSampler({
    app,
    isLeader: options.leader ?? (() => true),
    dataDir,
    settings: StatsSettings.parse(options.settings ?? {}),
    clock,
    logger,
  });
  return { dataDir, clock, sampler };
}

describe('startStatsSampler', () => {
  it('samples on each multiple of the interval', async () => {
    const { dataDir, clock, sampler } = setUp();
    await clock.advance(4 * MINUTE);
    await sampler.idle();
    expect(await readSeries(dataDir, { logger })).toEqual([]);
    await clock.advance(16 * MINUTE);
    await sampler.idle();
    const points = await readSeries(dataDir, { logger });
    expect(points.map((p) => p.at)).toEqual(['2021-05-03T10:00:00.000Z', '2021-05-03T10:10:00.000Z']);
    expect(points[0]).toMatchObject({ centres: 2, centres_with_slots: 2, slots: 42 });
    expect((await readSeries(dataDir, { departement: '29', logger }))[0]).toMatchObject({ slots: 30 });
    await sampler.stop();
  });

  it('follows the configured interval', async () => {
    const { dataDir, clock, sampler } = setUp({ settings: { interval_min: 30 } });
    await clock.advance(60 * MINUTE);
    await sampler.idle();
    expect((await readSeries(dataDir, { logger })).map((p) => p.at)).toEqual([
      '2021-05-03T10:00:00.000Z',
      '2021-05-03T10:30:00.000Z',
    ]);
    await sampler.stop();
  });

  it('writes nothing on an instance that is not the polling leader, and starts when it becomes one', async () => {
    let leader = false;
    const { dataDir, clock, sampler } = setUp({ leader: () => leader });
    await clock.advance(30 * MINUTE);
    await sampler.idle();
    await expect(readdir(dataDir)).resolves.toEqual([]);
    expect(await sampler.sampleNow()).toBe('standby');
    leader = true;
    await clock.advance(10 * MINUTE);
    await sampler.idle();
    expect((await readSeries(dataDir, { logger })).map((p) => p.at)).toEqual(['2021-05-03T10:30:00.000Z']);
    await sampler.stop();
  });

  it('waits until the availability view has read the cache once', async () => {
    const { dataDir, sampler } = setUp({ loaded: false });
    expect(await sampler.sampleNow()).toBe('not_loaded');
    expect(await readSeries(dataDir, { logger })).toEqual([]);
    await sampler.stop();
  });

  it('does nothing when statistics are disabled', async () => {
    const { dataDir, clock, sampler } = setUp({ settings: { enabled: false } });
    await clock.advance(60 * MINUTE);
    await sampler.idle();
    expect(clock.pendingTimers).toBe(0);
    await expect(readdir(dataDir)).resolves.toEqual([]);
    await sampler.stop();
  });

  it('stops sampling once stopped', async () => {
    const { dataDir, clock, sampler } = setUp();
    await clock.advance(5 * MINUTE);
    await sampler.idle();
    await sampler.stop();
    await clock.advance(60 * MINUTE);
    await sampler.idle();
    expect(await readSeries(dataDir, { logger })).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('prunes samples past the retention when it records', async () => {
    const { dataDir, clock, sampler } = setUp({ settings: { retention_days: 1, full_resolution_days: 1 } });
    await clock.advance(5 * MINUTE);
    await sampler.idle();
    await clock.advance(24 * 60 * MINUTE);
    await sampler.idle();
    const points = await readSeries(dataDir, { logger });
    // Pruned 6 h after the first sample, then every 6 h: nothing left older than a day plus that lag.
    expect(points.length).toBeGreaterThan(0);
    expect(points[0]?.at).toBe('2021-05-03T10:00:00.000Z');
    await clock.advance(12 * 60 * MINUTE);
    await sampler.idle();
    const later = await readSeries(dataDir, { logger });
    const oldest = Date.parse(later[0]?.at ?? '');
    expect(clock.now() - oldest).toBeLessThanOrEqual((24 + 6) * 60 * MINUTE);
    await sampler.stop();
  });
});
