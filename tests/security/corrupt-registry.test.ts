import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { health } from '../../src/api/health.ts';
import { loadAppContext } from '../../src/app/app-context.ts';
import type { RegistryFile } from '../../src/registry/registry-file.ts';
import { RegistryFileError, readRegistry, writeRegistry } from '../../src/registry/store.ts';
import { makeCentre } from '../fixtures/world.ts';
import { tempDir } from '../support/temp-dir.ts';

// Issue 13, point 8: a corrupt registry.json starts from the previous good registry kept beside it,
// with a loud warning in the log, on /healthz and on /statut; temporaries of killed writers are removed.

const registry = (name: string, importedAt: string): RegistryFile => ({
  format: 'creneau-registry',
  version: 1,
  kind: 'official',
  source: `${name}.csv`,
  imported_at: importedAt,
  centres: [
    makeCentre({
      id: `sante-${name}`,
      address: { lines: ['1 rue de la Paix'], postcode: '35000' },
      commune: { insee: '35238', name: 'Rennes' },
      departement: '35',
      location: { lat: 48.11, lon: -1.68, precision: 'address' },
    }),
  ],
});

function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('corrupt registry.json', () => {
  it('serves the previous good registry, says so loudly in the log and on /healthz', async () => {
    const dir = tempDir('creneau-corrupt-');
    await writeRegistry(dir, registry('january', '2021-01-14T08:00:00+01:00'));
    await writeRegistry(dir, registry('february', '2021-02-14T08:00:00+01:00'));
    expect(existsSync(path.join(dir, 'registry.previous.json'))).toBe(true);
    // Half a file, as a full disk or a hand edit leaves it.
    const text = readFileSync(path.join(dir, 'registry.json'), 'utf8');
    writeFileSync(path.join(dir, 'registry.json'), text.slice(0, text.length / 2));

    const { logger, lines } = capturingLogger();
    const read = await readRegistry(dir, { logger });
    expect(read?.source).toBe('january.csv');
    expect(read?.recovered).toMatchObject({ from: 'registry.previous.json' });
    expect(read?.recovered?.reason).toMatch(/^registry\.json is not JSON/);
    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logged.some((l) => l.level >= 50 && /REGISTRY UNUSABLE/.test(l.msg))).toBe(true);

    if (!read) throw new Error('no registry');
    const app = await loadAppContext({ registry: read });
    const body = (await (await health(app)).json()) as {
      status: string;
      registry: { recovered?: { from: string; reason: string } };
    };
    expect(body.status).toBe('degraded');
    expect(body.registry.recovered?.from).toBe('registry.previous.json');
    expect(JSON.stringify(body)).not.toContain(dir);
  });

  it('fails with a clear error when there is no good registry to fall back on', async () => {
    const dir = tempDir('creneau-corrupt-');
    writeFileSync(path.join(dir, 'registry.json'), '{"format":"creneau-registry"');
    await expect(readRegistry(dir, { logger: pino({ level: 'silent' }) })).rejects.toBeInstanceOf(
      RegistryFileError,
    );
  });

  it('never stores the recovery note, and keeps registry.json until the new one is in place', async () => {
    const dir = tempDir('creneau-corrupt-');
    await writeRegistry(dir, {
      ...registry('march', '2021-03-14T08:00:00+01:00'),
      recovered: { from: 'x', reason: 'y' },
    });
    expect(readFileSync(path.join(dir, 'registry.json'), 'utf8')).not.toContain('recovered');
  });
});

describe('temporaries left by a killed writer', () => {
  it('are removed at start when their process is gone, never while it runs', async () => {
    const dir = tempDir('creneau-tmp-');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(gone.stdout.toString());
    const stale = `.cache-snapshot.json.${deadPid}.0123456789ab.tmp`;
    const live = `.registry.json.${process.pid}.ba9876543210.tmp`;
    writeFileSync(path.join(dir, stale), 'half a snapshot');
    writeFileSync(path.join(dir, live), 'a write in progress');
    writeFileSync(path.join(dir, 'notes.tmp'), 'not ours');
    await readRegistry(dir, { logger: pino({ level: 'silent' }) });
    expect(readdirSync(dir).sort()).toEqual([live, 'notes.tmp'].sort());
  });
});
