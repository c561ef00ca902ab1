import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { StatsPoint } from '../../../src/stats/figures.ts';
import { appendSample, pruneSeries, readSeries, seriesFile } from '../../../src/stats/series-store.ts';
import { tempDir as makeTempDir } from '../../support/temp-dir.ts';

const tempDir = () => makeTempDir('creneau-stats-');
const silent = { warn: vi.fn() };

function figures(slots: number) {
  return {
    centres: 3,
    centres_with_slots: slots > 0 ? 1 : 0,
    slots,
    centres_unknown: 0,
    centres_stale: 0,
    platforms: { doctolib: { centres: 3, slots } },
  };
}

function sampleAt(at: string, slots: number) {
  return { at, france: figures(slots), departements: new Map([['35', figures(slots)]]) };
}

const point = (at: string, slots: number): StatsPoint => ({ at, ...figures(slots) });

describe('series files', () => {
  it('appends one line per sample to France and to each département, read back oldest first', async () => {
    const dir = tempDir();
    await appendSample(dir, sampleAt('2021-05-03T10:00:00.000Z', 5));
    await appendSample(dir, sampleAt('2021-05-03T10:10:00.000Z', 8));
    expect((await readSeries(dir, { logger: silent })).map((p) => p.slots)).toEqual([5, 8]);
    expect(await readSeries(dir, { departement: '35', logger: silent })).toEqual([
      point('2021-05-03T10:00:00.000Z', 5),
      point('2021-05-03T10:10:00.000Z', 8),
    ]);
    expect((await readFile(seriesFile(dir), 'utf8')).split('\n')).toHaveLength(3);
  });

  it('reads nothing for a scope without a file', async () => {
    expect(await readSeries(tempDir(), { departement: '2A', logger: silent })).toEqual([]);
  });

  it('keeps only the points since the given instant', async () => {
    const dir = tempDir();
    await appendSample(dir, sampleAt('2021-05-03T10:00:00.000Z', 5));
    await appendSample(dir, sampleAt('2021-05-03T10:10:00.000Z', 8));
    const since = new Date('2021-05-03T12:05:00+02:00');
    expect((await readSeries(dir, { since, logger: silent })).map((p) => p.slots)).toEqual([8]);
  });

  it('refuses a département code that is not one, since it becomes a file name', () => {
    expect(() => seriesFile('/data', '../../etc/passwd')).toThrow(/Not a département code/);
  });

  it('skips and logs a corrupt line, and still reads the others', async () => {
    const dir = tempDir();
    const file = seriesFile(dir);
    await mkdir(path.dirname(file), { recursive: true });
    const good = (at: string, slots: number) => JSON.stringify(point(at, slots));
    await writeFile(
      file,
      [
        good('2021-05-03T10:00:00Z', 1),
        '{"at":"2021-05-03T10:10:00Z","centres":',
        JSON.stringify({ ...point('2021-05-03T10:20:00Z', 2), slots: -4 }),
        good('2021-05-03T10:30:00Z', 3),
        '',
      ].join('\n'),
    );
    const logger = { warn: vi.fn() };
    expect((await readSeries(dir, { logger })).map((p) => p.slots)).toEqual([1, 3]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls.map(([fields]) => (fields as { line: number }).line)).toEqual([2, 3]);
  });

  it('closes a line cut by a crash before appending, losing only that line', async () => {
    const dir = tempDir();
    await appendSample(dir, sampleAt('2021-05-03T10:00:00.000Z', 5));
    await appendFile(seriesFile(dir), '{"at":"2021-05-03T10:10:00.000Z","cent');
    // Unfinished last line: not reported yet, it may still be being written.
    const logger = { warn: vi.fn() };
    expect(await readSeries(dir, { logger })).toHaveLength(1);
    expect(logger.warn).not.toHaveBeenCalled();
    await appendSample(dir, sampleAt('2021-05-03T10:20:00.000Z', 9));
    expect((await readSeries(dir, { logger })).map((p) => p.slots)).toEqual([5, 9]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});

describe('pruneSeries', () => {
  const now = new Date('2021-05-31T12:00:00Z');

  it('drops samples older than the retention and deletes files left empty', async () => {
    const dir = tempDir();
    await appendSample(dir, sampleAt('2021-05-01T11:00:00.000Z', 1));
    await appendSample(dir, { ...sampleAt('2021-05-01T11:10:00.000Z', 2), departements: new Map() });
    await appendSample(dir, { ...sampleAt('2021-05-31T11:50:00.000Z', 3), departements: new Map() });
    const dropped = await pruneSeries(dir, { now, retentionDays: 7, fullResolutionDays: 7, logger: silent });
    expect(dropped).toBe(3);
    expect((await readSeries(dir, { logger: silent })).map((p) => p.slots)).toEqual([3]);
    await expect(stat(seriesFile(dir, '35'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('thins samples past full resolution to the first of each hour, keeping recent ones all', async () => {
    const dir = tempDir();
    const times = [
      '2021-05-20T10:00:00.000Z',
      '2021-05-20T10:10:00.000Z',
      '2021-05-20T10:50:00.000Z',
      '2021-05-20T11:00:00.000Z',
      '2021-05-31T11:00:00.000Z',
      '2021-05-31T11:10:00.000Z',
    ];
    for (const [index, at] of times.entries()) await appendSample(dir, sampleAt(at, index));
    await pruneSeries(dir, { now, retentionDays: 90, fullResolutionDays: 7, logger: silent });
    expect((await readSeries(dir, { logger: silent })).map((p) => p.at)).toEqual([
      '2021-05-20T10:00:00.000Z',
      '2021-05-20T11:00:00.000Z',
      '2021-05-31T11:00:00.000Z',
      '2021-05-31T11:10:00.000Z',
    ]);
  });

  it('leaves a file that has nothing to drop untouched', async () => {
    const dir = tempDir();
    await appendSample(dir, sampleAt('2021-05-31T11:00:00.000Z', 1));
    const before = await stat(seriesFile(dir));
    expect(await pruneSeries(dir, { now, retentionDays: 90, fullResolutionDays: 7, logger: silent })).toBe(0);
    expect((await stat(seriesFile(dir))).mtimeMs).toBe(before.mtimeMs);
  });

  it('does nothing when no statistics were ever recorded', async () => {
    expect(
      await pruneSeries(tempDir(), { now, retentionDays: 90, fullResolutionDays: 7, logger: silent }),
    ).toBe(0);
  });
});
