import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportReport } from '../../src/registry/import/import-report.ts';
import { type CliRun, runCreneau } from '../support/cli.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/csv/links-malformed.csv', import.meta.url));

let dataDir: string;

function creneau(args: string[]): Promise<CliRun> {
  return runCreneau(args, dataDir);
}

let imported: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'creneau-links-'));
  imported = await creneau(['import', FIXTURE]);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('booking links through the CLI', () => {
  it('ends the import summary with the links per platform, and says why none was resolved', async () => {
    expect(imported.code).toBe(0);
    const lines = imported.stdout.trimEnd().split('\n');
    const summaryAt = lines.indexOf('Booking links per platform:');
    expect(lines.slice(summaryAt + 1, summaryAt + 4)).toEqual([
      '  doctolib: 4 read, 3 repaired, 0 resolved, 3 pollable, 1 not pollable',
      '  maiia: 3 read, 0 repaired, 0 resolved, 1 pollable, 2 not pollable',
      '  keldoc: 1 read, 0 repaired, 0 resolved, 1 pollable, 0 not pollable',
    ]);
    expect(imported.stdout).toContain(
      'maiia: not resolved: no base URL configured for Maiia (providers.maiia.base_url or CRENEAU_MAIIA_BASE_URL)',
    );
    expect(imported.stdout).toMatch(/^ {2}rdv_site_web +used +booking\.url \(repaired\)/m);
    const report = ImportReport.parse(
      JSON.parse(await readFile(path.join(dataDir, 'import-report.json'), 'utf8')),
    );
    expect(report.columns?.map((c) => c.column)).toEqual(report.file?.columns);
    expect(report.links?.find((p) => p.platform === 'maiia')?.unpollable).toHaveLength(2);
  });

  it('lists the unpollable links with `check --unpollable`', async () => {
    const run = await creneau(['check', '--unpollable']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Maiia: 2 links not polled');
    expect(run.stdout).toContain(
      'sante-5104 Centre Maiia sans identifiant: the link has no centerid= (only the page slug)',
    );
    expect(run.stdout).toContain('Doctolib: 1 link not polled');
  });

  it('says why a link cannot be polled instead of answering "not found"', async () => {
    const run = await creneau([
      'check',
      'https://www.maiia.com/centre-de-vaccination/03000-moulins/centre-de-vaccination--moulins---yzeure',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Maiia cannot be polled for');
    expect(run.stderr).toContain('the link has no centerid= (only the page slug)');
  });
});
