import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ImportReport } from '../../../src/registry/import/import-report.ts';
import { RegistryFile } from '../../../src/registry/registry-file.ts';
import { runCreneau as creneau } from '../../support/cli.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => path.join(ROOT, 'tests/fixtures/csv', name);

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));

describe('creneau import', () => {
  let dataDir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const csv = await readFile(fixture('later-vintage.csv'));
    server = createServer((request, response) => {
      if (request.url === '/centres-vaccination.csv')
        response.writeHead(200, { 'content-type': 'text/csv' }).end(csv);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'creneau-cli-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports a file, prints each issue and the summary, and writes a valid registry and report', async () => {
    const run = await creneau(['import', fixture('broken-rows.csv')], dataDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Read: 12  Imported: 10 (with warnings: 10)  Rejected: 2');
    expect(run.stdout).toContain('row 8 (gid 106): rejection duplicate-id');
    expect(run.stdout).toContain('row 1: warning unknown-column');
    const registry = RegistryFile.parse(await readJson(path.join(dataDir, 'registry.json')));
    expect(registry).toMatchObject({ kind: 'official', source: fixture('broken-rows.csv') });
    expect(registry.centres).toHaveLength(10);
    const report = ImportReport.parse(await readJson(path.join(dataDir, 'import-report.json')));
    expect(report).toMatchObject({ ok: true, counts: { read: 12, imported: 10, rejected: 2 } });
  });

  it('prints the report as JSON with --json', async () => {
    const run = await creneau(['import', '--json', fixture('bom-crlf-semicolon.csv')], dataDir);
    expect(run.code).toBe(0);
    expect(ImportReport.parse(JSON.parse(run.stdout))).toMatchObject({ ok: true, counts: { imported: 2 } });
  });

  it('imports from an http URL', async () => {
    const run = await creneau(['import', `${base}/centres-vaccination.csv`], dataDir);
    expect(run.code).toBe(0);
    const registry = RegistryFile.parse(await readJson(path.join(dataDir, 'registry.json')));
    expect(registry.source).toBe(`${base}/centres-vaccination.csv`);
    expect(registry.centres.map((centre) => centre.id)).toEqual(['sante-3001', 'sante-3002', 'sante-3003']);
  });

  it('exits 1 and leaves the previous registry byte-identical when the file lacks the nom column', async () => {
    expect((await creneau(['import', fixture('bom-crlf-semicolon.csv')], dataDir)).code).toBe(0);
    const before = await readFile(path.join(dataDir, 'registry.json'));
    const run = await creneau(['import', fixture('no-nom-column.csv')], dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nom');
    expect(await readFile(path.join(dataDir, 'registry.json'))).toEqual(before);
    expect(ImportReport.parse(await readJson(path.join(dataDir, 'import-report.json')))).toMatchObject({
      ok: false,
    });
  });

  it('exits 1 and leaves the previous registry byte-identical when the URL fails', async () => {
    expect((await creneau(['import', fixture('bom-crlf-semicolon.csv')], dataDir)).code).toBe(0);
    const before = await readFile(path.join(dataDir, 'registry.json'));
    const run = await creneau(['import', `${base}/gone.csv`], dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTP 404');
    expect(await readFile(path.join(dataDir, 'registry.json'))).toEqual(before);
  });

  it('exits 1 on a file that does not exist, writing no registry', async () => {
    const run = await creneau(['import', path.join(dataDir, 'absent.csv')], dataDir);
    expect(run.code).toBe(1);
    await expect(readFile(path.join(dataDir, 'registry.json'))).rejects.toThrow(/ENOENT/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await creneau(['import'], dataDir)).code).toBe(2);
    expect((await creneau(['import', 'a.csv', 'b.csv'], dataDir)).code).toBe(2);
    expect((await creneau(['import', '--bogus', 'a.csv'], dataDir)).code).toBe(2);
  });
});
