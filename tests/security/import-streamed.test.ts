import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOfficial, importOfficialStream } from '../../src/registry/import/import-official.ts';
import { CsvError, type CsvRecord, readCsv, streamCsv } from '../../src/registry/import/read-csv.ts';
import { captureBytes } from '../fixtures/captures.ts';
import { repoRoot } from '../support/server.ts';
import { fakeCommunes } from '../unit/import/fake-communes.ts';

// Issue 13, point 8: `creneau import` parses the file as a stream (rows validated as they come, only
// the kept centres held: docs/IMPORT.md has the peak memory measured). The streamed reading must give
// exactly what the whole-file reading gives, however the slices fall (a CRLF, a multi-byte character
// or a quoted line break cut in two).

const FIXTURES = path.join(repoRoot, 'tests/fixtures/csv');
const files = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.csv'))
  .map((name) => [name, readFileSync(path.join(FIXTURES, name))] as const);
const bytes = (text: string) => new TextEncoder().encode(text);
const NOW = () => new Date('2021-01-20T10:00:00+01:00');

async function streamed(input: Uint8Array, sliceBytes: number) {
  const table = await streamCsv(input, sliceBytes);
  const records: CsvRecord[] = [];
  for await (const record of table.records) records.push(record);
  return { ...table, records };
}

describe('streamCsv', () => {
  it.each([1, 2, 7, 64 * 1024])(
    'reads every fixture as readCsv does, in slices of %i bytes',
    async (size) => {
      for (const [name, input] of files) {
        expect({ name, table: await streamed(input, size) }).toEqual({ name, table: readCsv(input) });
      }
    },
  );

  it('cuts neither a CRLF, nor a multi-byte character, nor a quoted line break', async () => {
    const input = bytes('gid;nom;notes\r\n1;Hôpital Évian;"deux\r\nlignes"\r\n\r\n2;Île;une\r\n');
    for (const size of [1, 3, 5]) expect(await streamed(input, size)).toEqual(readCsv(input));
    const latin = Uint8Array.from([...bytes('gid;nom\r\n1;H'), 0xf4, ...bytes('pital\r\n')]);
    expect(await streamed(latin, 2)).toEqual(readCsv(latin));
  });

  it('refuses what readCsv refuses, as a CsvError', async () => {
    await expect(streamCsv(bytes(''))).rejects.toThrow(CsvError);
    await expect(streamed(bytes('gid;nom\n1;"jamais fermé\n2;B\n'), 4)).rejects.toThrow(CsvError);
  });
});

describe('importOfficialStream', () => {
  it('gives the same report and registry as importOfficial, the January 2021 list and every fixture', async () => {
    const inputs = [
      [
        'centres-vaccination_2021-01-15.csv',
        captureBytes('centres/centres-vaccination_2021-01-15.csv'),
      ] as const,
      ...files,
    ];
    for (const [name, input] of inputs) {
      const options = { source: name, communes: fakeCommunes(), now: NOW };
      expect({ name, outcome: await importOfficialStream(input, options) }).toEqual({
        name,
        outcome: importOfficial(input, options),
      });
    }
  });

  it('fails an unreadable file the same way, the registry untouched (null)', async () => {
    const broken = bytes('gid;nom\n1;"jamais fermé\n2;B\n');
    const options = { source: 'broken.csv', communes: fakeCommunes(), now: NOW };
    const outcome = await importOfficialStream(broken, options);
    expect(outcome.registry).toBeNull();
    expect(outcome).toEqual(importOfficial(broken, options));
  });
});
