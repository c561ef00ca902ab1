import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportReport } from '../../../src/registry/import/import-report.ts';
import { RegistryFile } from '../../../src/registry/registry-file.ts';
import { runCreneau } from '../../support/cli.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = path.join(ROOT, 'tests/fixtures/csv/lifecycle-reserved-duplicates.csv');

const importInto = (dataDir: string) => runCreneau(['import', FIXTURE], dataDir);

describe('creneau import: lifecycle and duplicates in the summary, the operator’s duplicates.csv', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'creneau-cli-dup-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts each lifecycle state and lists each duplicate group with its rows', async () => {
    const run = await importInto(dataDir);
    expect(run.code).toBe(0);
    // Dates of 2021 are past and of 2099 future whatever day the test runs.
    expect(run.stdout).toMatch(/Lifecycle on \d{4}-\d{2}-\d{2}: open 7, opens later 1, closed 3/);
    expect(run.stdout).toContain('Duplicate groups: 2');
    expect(run.stdout).toContain('kept row 2 (gid 5001); also row 8 (gid 5007), row 9 (gid 5008)');
  });

  it('applies duplicates.csv by gid at each import and leaves the file as the operator wrote it', async () => {
    const overrides = '# seen on site: two centres\n5010;5011;different\nnot a pair\n';
    await writeFile(path.join(dataDir, 'duplicates.csv'), overrides);
    for (let i = 0; i < 2; i++) {
      const run = await importInto(dataDir);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Duplicate groups: 1');
      expect(run.stderr).toContain('line 3: "not a pair" is not gid;gid;same|different, ignored');
    }
    expect(await readFile(path.join(dataDir, 'duplicates.csv'), 'utf8')).toBe(overrides);
    const registry = RegistryFile.parse(
      JSON.parse(await readFile(path.join(dataDir, 'registry.json'), 'utf8')),
    );
    expect(registry.centres.find((c) => c.id === 'sante-5011')?.duplicate_of).toBeNull();
    const report = ImportReport.parse(
      JSON.parse(await readFile(path.join(dataDir, 'import-report.json'), 'utf8')),
    );
    expect(report.duplicates).toHaveLength(1);
  });
});
