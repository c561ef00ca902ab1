import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheDriver } from '../../../src/cache/cache.ts';
import { redisDriver } from '../../../src/cache/drivers/redis.ts';
import { auditCsv, createAuditLog } from '../../../src/operators/audit/audit-log.ts';
import { openOperatorData } from '../../../src/operators/overrides/live-centres.ts';
import type { Override } from '../../../src/operators/overrides/override.ts';
import {
  createOverrideStore,
  OverridesFileError,
  overridesPath,
  readOverridesFile,
} from '../../../src/operators/overrides/override-store.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import { generateDemoRegistry } from '../../../src/registry/demo.ts';
import { runCreneau } from '../../support/cli.ts';
import { type RunningRedis, startRedis } from '../../support/redis-server.ts';
import { tempDir } from '../../support/temp-dir.ts';

// Issue 14, point 4: overrides in the data directory, atomically written, in Redis when the cache is
// Redis so every instance applies them; export and import between deployments.

const make =
  (key: string, notes: string): ((current: Override | null) => Override) =>
  (current) => ({
    ...(current ?? {}),
    key,
    fields: { ...(current?.fields ?? {}), notes },
    updated_at: '2026-03-01T10:00:00.000Z',
    updated_by: 'alice',
  });

describe('override store, data directory only', () => {
  it('writes the file whole at each change, revision growing, and reads it back after a restart', async () => {
    const dir = tempDir();
    const store = createOverrideStore({ dataDir: dir });
    expect(await store.list()).toEqual([]);
    const first = await store.update('5001', make('5001', 'un'));
    expect(first).toMatchObject({ before: null, revision: 1 });
    const second = await store.update('5001', make('5001', 'deux'));
    expect(second.before?.fields.notes).toBe('un');
    expect(second.after?.fields.notes).toBe('deux');
    await store.update('5002', make('5002', 'trois'));
    const file = await readOverridesFile(dir);
    expect(file.revision).toBe(3);
    expect(file.overrides.map((override) => override.key).sort()).toEqual(['5001', '5002']);
    const reopened = createOverrideStore({ dataDir: dir });
    expect((await reopened.get('5001'))?.fields.notes).toBe('deux');
    await reopened.update('5002', () => null);
    expect((await readOverridesFile(dir)).overrides.map((override) => override.key)).toEqual(['5001']);
  });

  it('keeps concurrent changes of one process, none lost', async () => {
    const store = createOverrideStore({ dataDir: tempDir() });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.update(`g${i}`, make(`g${i}`, `n${i}`))));
    expect((await store.list()).length).toBe(20);
    expect(store.revision()).toBe(20);
  });

  it('refuses a bad import file whole and leaves the overrides as they were', async () => {
    const dir = tempDir();
    const store = createOverrideStore({ dataDir: dir });
    await store.update('5001', make('5001', 'gardé'));
    const before = await readFile(overridesPath(dir), 'utf8');
    const bad = JSON.stringify({ ...JSON.parse(before), overrides: [{ key: 'has space', fields: {} }] });
    await expect(store.importText(bad)).rejects.toThrow(OverridesFileError);
    await expect(store.importText('{ not json')).rejects.toThrow(/not JSON/);
    const twice = JSON.parse(before);
    twice.overrides.push(twice.overrides[0]);
    await expect(store.importText(JSON.stringify(twice))).rejects.toThrow(/twice/);
    expect(await readFile(overridesPath(dir), 'utf8')).toBe(before);
  });

  it('creneau overrides export then import moves every override to another deployment', async () => {
    const from = tempDir();
    const to = tempDir();
    const store = createOverrideStore({ dataDir: from });
    await store.update('5001', make('5001', 'déplacé'));
    await store.update('platform:keldoc:77', make('platform:keldoc:77', 'découvert'));
    const exported = path.join(from, 'export.json');
    const out = await runCreneau(['overrides', 'export', exported], from);
    expect(out.code, out.stderr).toBe(0);
    const imported = await runCreneau(['overrides', 'import', exported], to);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported 2 overrides');
    expect((await readOverridesFile(to)).overrides).toEqual((await readOverridesFile(from)).overrides);
    // A bad file: refused, exit 1, nothing changed.
    await writeFile(path.join(to, 'bad.json'), '{"format":"creneau-overrides"}');
    const before = await readFile(overridesPath(to), 'utf8');
    const refused = await runCreneau(['overrides', 'import', path.join(to, 'bad.json')], to);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing was changed');
    expect(await readFile(overridesPath(to), 'utf8')).toBe(before);
    // The import was logged.
    const log = await createAuditLog({ dataDir: to }).list();
    expect(log.map((entry) => entry.action)).toEqual(['import']);
  });
});

describe('overrides and audit log under Redis: every instance applies the same', () => {
  let redis: RunningRedis;
  const opened: CacheDriver[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const driver of opened) await driver.close();
    await redis?.stop();
  });
  const instance = (prefix: string) => {
    const driver = redisDriver({ url: redis.url, keyPrefix: prefix, commandTimeoutMs: 5_000 });
    opened.push(driver);
    return driver;
  };

  it('a decision taken on one instance is applied by another with its own data directory', async () => {
    const prefix = `test:${randomUUID()}:`;
    const registry = generateDemoRegistry(getGazetteer());
    const centre = registry.centres[0];
    if (!centre) throw new Error('demo registry is empty');
    const a = await openOperatorData(registry.centres, {
      dataDir: tempDir(),
      cache: instance(prefix),
      syncIntervalMs: 50,
    });
    const b = await openOperatorData(registry.centres, {
      dataDir: tempDir(),
      cache: instance(prefix),
      syncIntervalMs: 50,
    });
    try {
      const key = centre.source.id ?? centre.id;
      await a.overrides.update(key, (current) => ({
        ...(current ?? {}),
        key,
        fields: { notes: 'Fermé le lundi' },
        hidden: false,
        updated_at: new Date().toISOString(),
        updated_by: 'alice',
      }));
      a.centres.apply(await a.overrides.list());
      expect(a.centres.byId(centre.id)?.notes).toBe('Fermé le lundi');
      // b looks every 50 ms; a generous deadline, not a race.
      const deadline = Date.now() + 20_000;
      while (b.centres.byId(centre.id)?.notes !== 'Fermé le lundi' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(b.centres.byId(centre.id)?.notes).toBe('Fermé le lundi');
      expect((await readOverridesFile(b.overrides.dataDir)).revision).toBe(1);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it('the audit log is shared and append-only; its CSV defuses formulas and keeps hostile text as text', async () => {
    const prefix = `test:${randomUUID()}:`;
    const one = createAuditLog({ dataDir: tempDir(), cache: instance(prefix) });
    const two = createAuditLog({ dataDir: tempDir(), cache: instance(prefix) });
    await one.append({
      by: 'alice',
      action: 'edit_phone',
      target: '5001',
      before: null,
      after: { phone: '0299' },
    });
    await two.append({
      by: 'bob',
      action: 'edit_notes',
      target: '5002',
      before: null,
      after: '=HYPERLINK("x")',
    });
    const seen = await one.list();
    expect(seen.map((entry) => entry.by)).toEqual(['bob', 'alice']);
    expect(await two.list()).toEqual(seen);
    const csv = auditCsv(seen);
    expect(csv).toContain(`'=HYPERLINK(""x"")`);
    expect(csv).not.toMatch(/;=HYPERLINK/);
  });
});
