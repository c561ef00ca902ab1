import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAdapterFor } from '../../src/adapters/registry.ts';
import { writeRegistry } from '../../src/registry/store.ts';
import { CENTRES } from '../fixtures/simulator/centres.ts';
import { runCreneau } from '../support/cli.ts';
import { tempDataDir } from '../support/server.ts';

async function registryDir(): Promise<string> {
  const dir = tempDataDir('creneau-poll-');
  await writeRegistry(dir, {
    format: 'creneau-registry',
    version: 1,
    kind: 'official',
    source: 'test centres',
    imported_at: '2021-04-20T08:00:00+02:00',
    centres: [...CENTRES],
  });
  return dir;
}

const fast = Object.fromEntries(
  ['DOCTOLIB', 'MAIIA', 'KELDOC', 'SMART'].map((p) => [`CRENEAU_${p}_RATE_LIMIT`, '100/1s']),
);

describe('creneau poll --once', () => {
  it('polls every centre against the built-in simulator and prints the per-provider summary as JSON', async () => {
    const dir = await registryDir();
    const { code, stdout } = await runCreneau(['poll', '--once', '--json'], dir, {
      ...fast,
      CRENEAU_LOG_LEVEL: 'silent',
    });
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as {
      simulated: string[];
      providers: Array<{
        provider: string;
        centres: number;
        statuses: Record<string, number>;
        errors: object;
      }>;
    };
    expect(summary.simulated).toEqual(['doctolib', 'maiia', 'keldoc', 'smart']);
    const total = summary.providers.reduce((n, p) => n + p.centres, 0);
    expect(total).toBe(CENTRES.length);
    const doctolib = summary.providers.find((p) => p.provider === 'doctolib');
    const onDoctolib = CENTRES.filter((c) => findAdapterFor(c).name === 'doctolib').length;
    expect(onDoctolib).toBeGreaterThan(0);
    expect(doctolib?.centres).toBe(onDoctolib);
    expect(doctolib?.errors).toEqual({});
    expect(doctolib?.statuses.unknown).toBe(0);
    const { some = 0, none = 0, phone_only = 0 } = doctolib?.statuses ?? {};
    expect(some + none + phone_only).toBe(onDoctolib);
    // The records reach the cache, here the memory driver's snapshot in the data directory.
    const snapshot = await readFile(path.join(dir, 'cache-snapshot.json'), 'utf8');
    expect(snapshot).toContain('availability:demo-1');
  });

  it('exits 0 with a provider down: its failures are in the summary', async () => {
    const dir = await registryDir();
    const { code, stdout } = await runCreneau(['poll', '--once'], dir, {
      ...fast,
      CRENEAU_LOG_LEVEL: 'silent',
      CRENEAU_MAIIA_BASE_URL: 'http://127.0.0.1:9',
      CRENEAU_MAIIA_TIMEOUT_MS: '1000',
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^maiia\s+1\s.*unreachable 1$/m);
    expect(stdout).toMatch(/Polled 10 centres in/);
  });

  it('exits non-zero, naming the mistake, on a configuration error', async () => {
    const { code, stderr } = await runCreneau(['poll', '--once'], tempDataDir('creneau-poll-'), {
      CRENEAU_DOCTOLIB_CONCURRENCY: 'lots',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('CRENEAU_DOCTOLIB_CONCURRENCY');
  });

  it('refuses to run without --once', async () => {
    const { code, stderr } = await runCreneau(['poll'], tempDataDir('creneau-poll-'));
    expect(code).toBe(2);
    expect(stderr).toContain('creneau worker');
  });
});
