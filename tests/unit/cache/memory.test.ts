import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';
import { CacheSnapshot } from '../../../src/cache/snapshot.ts';
import { testCacheDriver } from './driver-suite.ts';

testCacheDriver({
  name: 'memory',
  create: (clock) => memoryDriver({ now: clock.now }),
  capabilities: { lease: false, controllableClock: true },
});

/** A logger whose warnings the test can read. */
function recordingLogger() {
  const lines: Array<{ level: number; msg: string; reason?: string }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, warnings: () => lines.filter((line) => line.level === 40) };
}

describe('memory driver snapshot', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'creneau-cache-'));
    file = path.join(dir, 'cache-snapshot.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('restores values after a restart, with when the snapshot was written', async () => {
    let time = Date.parse('2021-05-18T08:00:00Z');
    const now = () => time;
    const first = memoryDriver({ snapshotFile: file, now });
    expect(first.restoredSnapshot?.()).toBeNull();
    await first.set('availability:centre-1', { status: 'some', slots: 3 });
    await first.set('status:doctolib', 'closed');
    await first.close();

    time += 5 * 60_000;
    const second = memoryDriver({ snapshotFile: file, now });
    await second.ready?.();
    expect(second.restoredSnapshot?.()).toEqual({ file, savedAt: '2021-05-18T08:00:00.000Z', entries: 2 });
    expect(await second.get('availability:centre-1')).toEqual({ status: 'some', slots: 3 });
    expect((await second.keys('')).sort()).toEqual(['availability:centre-1', 'status:doctolib']);
    await second.close();
  });

  it('keeps TTLs as absolute expiry times across a restart', async () => {
    let time = Date.now();
    const now = () => time;
    const first = memoryDriver({ snapshotFile: file, now });
    await first.set('ten-minutes', 1, { ttlSeconds: 600 });
    await first.set('one-minute', 2, { ttlSeconds: 60 });
    await first.close();

    time += 2 * 60_000;
    const second = memoryDriver({ snapshotFile: file, now });
    expect(await second.getMany(['ten-minutes', 'one-minute'])).toEqual([1, undefined]);
    time += 7 * 60_000;
    expect(await second.get('ten-minutes')).toBe(1);
    time += 2 * 60_000;
    expect(await second.get('ten-minutes')).toBeUndefined();
    expect(second.restoredSnapshot?.()?.entries).toBe(1);
    await second.close();
  });

  it('writes the snapshot periodically and on flush, with saved_at', async () => {
    const driver = memoryDriver({ snapshotFile: file, snapshotIntervalMs: 20 });
    await driver.set('periodic', 'yes');
    await expect
      .poll(() => readFile(file, 'utf8').catch(() => ''), { timeout: 20_000 })
      .toContain('periodic');
    await driver.set('flushed', 'too');
    await driver.flush?.();
    const snapshot = CacheSnapshot.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(snapshot.entries.map((entry) => entry.key).sort()).toEqual(['flushed', 'periodic']);
    expect(Date.now() - Date.parse(snapshot.saved_at)).toBeLessThan(60_000);
    expect((await driver.health()).detail).toContain(`snapshot written at ${snapshot.saved_at}`);
    await driver.close();
  });

  it('ignores a corrupt snapshot with a warning, starts empty, and replaces it on the next save', async () => {
    await writeFile(file, '{"format":"creneau-cache-snapshot","version":1,"saved_at":"2021-05-1');
    const { logger, warnings } = recordingLogger();
    const driver = memoryDriver({ snapshotFile: file, logger });
    expect(await driver.keys('')).toEqual([]);
    expect(driver.restoredSnapshot?.()).toBeNull();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.reason).toMatch(/not JSON/);
    expect((await driver.health()).ok).toBe(true);
    await driver.set('fresh', 1);
    await driver.close();
    expect(CacheSnapshot.safeParse(JSON.parse(await readFile(file, 'utf8'))).success).toBe(true);
  });

  it('ignores JSON that is not a snapshot, and a snapshot path it cannot read', async () => {
    await writeFile(file, JSON.stringify({ version: 2, entries: 'many' }));
    const wrongShape = recordingLogger();
    const first = memoryDriver({ snapshotFile: file, logger: wrongShape.logger });
    expect(await first.keys('')).toEqual([]);
    expect(wrongShape.warnings()[0]?.reason).toMatch(/not a cache snapshot/);
    await first.close();

    const directory = path.join(dir, 'a-directory');
    await mkdir(directory);
    const unreadable = recordingLogger();
    const second = memoryDriver({
      snapshotFile: directory,
      logger: unreadable.logger,
      snapshotIntervalMs: 0,
    });
    expect(await second.get('anything')).toBeUndefined();
    expect(unreadable.warnings()[0]?.reason).toMatch(/unreadable/);
    await expect(second.close()).rejects.toThrow();
  });

  it('starts empty and silently when there is no snapshot yet', async () => {
    const { logger, warnings } = recordingLogger();
    const driver = memoryDriver({ snapshotFile: path.join(dir, 'not', 'yet', 'there.json'), logger });
    expect(await driver.keys('')).toEqual([]);
    expect(warnings()).toEqual([]);
    await driver.set('first', 1);
    await driver.close();
    expect(await readFile(path.join(dir, 'not', 'yet', 'there.json'), 'utf8')).toContain('"first"');
  });

  it('leaves a complete snapshot however often the process is killed while writing it', async () => {
    const writer = fileURLToPath(new URL('../../fixtures/cache/snapshot-writer.ts', import.meta.url));
    let lastGeneration = 0;
    for (let round = 0; round < 8; round += 1) {
      const child = spawn(process.execPath, [writer, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      let flushed = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        flushed += chunk
          .toString()
          .split('\n')
          .filter((line) => line.startsWith('flushed')).length;
      });
      // Once a snapshot is complete, kill at a random moment of the rewrite loop (SIGKILL: no clean-up).
      await expect.poll(() => flushed, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
      await sleep(Math.random() * 40);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      const snapshot = CacheSnapshot.parse(JSON.parse(await readFile(file, 'utf8')));
      const generation = snapshot.entries.find((entry) => entry.key === 'generation')?.value;
      expect(generation).toBeGreaterThan(lastGeneration);
      lastGeneration = Number(generation);
      expect(snapshot.entries.find((entry) => entry.key === 'payload')?.value).toHaveLength(50_000);
    }
    const { logger, warnings } = recordingLogger();
    const restarted = memoryDriver({ snapshotFile: file, logger, snapshotIntervalMs: 0 });
    expect(await restarted.get('generation')).toBe(lastGeneration);
    expect(warnings()).toEqual([]);
    await restarted.close();
  });
});
