import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CacheSnapshot,
  readSnapshot,
  type SnapshotEntry,
  writeSnapshot,
} from '../../../src/cache/snapshot.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'creneau-snapshot-'));
  file = path.join(dir, 'cache-snapshot.json');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const savedAt = new Date('2021-05-18T08:00:00.000Z');

describe('the streamed snapshot', () => {
  it('reads back what it wrote, awkward strings and expiries included', async () => {
    const entries: SnapshotEntry[] = [
      { key: 'availability:a', value: { note: 'line\nbreak, "quotes" ]} \u2028 é' }, expiresAt: null },
      { key: 'availability:version', value: 42, expiresAt: Date.parse('2021-05-19T08:00:00.000Z') },
      { key: 'list', value: [1, '2', null, { nested: [] }], expiresAt: null },
    ];
    await writeSnapshot(file, savedAt, entries);
    expect(await readSnapshot(file)).toEqual({ kind: 'ok', savedAt: savedAt.toISOString(), entries });
  });

  it('stays one JSON document, one entry per line', async () => {
    const entries = [1, 2, 3].map((n) => ({ key: `k${n}`, value: n, expiresAt: null }));
    await writeSnapshot(file, savedAt, entries);
    const text = await readFile(file, 'utf8');
    expect(CacheSnapshot.parse(JSON.parse(text)).entries.map((e) => e.key)).toEqual(['k1', 'k2', 'k3']);
    expect(text.split('\n')).toHaveLength(5);
  });

  it('round-trips a snapshot larger than one written chunk, and an empty one', async () => {
    const entries = Array.from({ length: 3_000 }, (_, i) => ({
      key: `availability:centre-${i}`,
      value: { centre_id: `centre-${i}`, slots: 'x'.repeat(200) },
      expiresAt: null,
    }));
    await writeSnapshot(file, savedAt, entries);
    const read = await readSnapshot(file);
    expect(read.kind === 'ok' && read.entries).toEqual(entries);
    await writeSnapshot(file, savedAt, []);
    expect(await readSnapshot(file)).toEqual({ kind: 'ok', savedAt: savedAt.toISOString(), entries: [] });
  });

  it('still reads a snapshot written on one line', async () => {
    const snapshot: CacheSnapshot = {
      format: 'creneau-cache-snapshot',
      version: 1,
      saved_at: savedAt.toISOString(),
      entries: [{ key: 'a', value: { b: 1 }, expires_at: null }],
    };
    await writeFile(file, JSON.stringify(snapshot));
    expect(await readSnapshot(file)).toEqual({
      kind: 'ok',
      savedAt: savedAt.toISOString(),
      entries: [{ key: 'a', value: { b: 1 }, expiresAt: null }],
    });
  });

  it('reports a snapshot cut short or with a bad entry, and a missing one', async () => {
    await writeSnapshot(
      file,
      savedAt,
      [1, 2, 3].map((n) => ({ key: `k${n}`, value: n, expiresAt: null })),
    );
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.lastIndexOf('\n')));
    expect(await readSnapshot(file)).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/ends early/),
    });
    await writeFile(file, text.replace('"k2"', '2'));
    expect(await readSnapshot(file)).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/entry 2/),
    });
    rmSync(file);
    expect(await readSnapshot(file)).toEqual({ kind: 'missing' });
  });
});
