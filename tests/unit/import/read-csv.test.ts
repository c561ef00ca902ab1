import { describe, expect, it } from 'vitest';
import { CsvError, readCsv } from '../../../src/registry/import/read-csv.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readCsv', () => {
  it('reads a semicolon file with CRLF line endings and a BOM, without the BOM in the first header name', () => {
    const table = readCsv(
      Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes('gid;nom\r\n1;Centre A\r\n2;Centre B\r\n')]),
    );
    expect(table.header).toEqual(['gid', 'nom']);
    expect(table.delimiter).toBe(';');
    expect(table.bom).toBe(true);
    expect(table.records.map((record) => record.values)).toEqual([
      ['1', 'Centre A'],
      ['2', 'Centre B'],
    ]);
  });

  it('detects a comma delimiter and LF line endings', () => {
    const table = readCsv(bytes('gid,nom,rdv_modalites\n1,Centre A,"Sur rendez-vous, deux doses"\n'));
    expect(table.delimiter).toBe(',');
    expect(table.bom).toBe(false);
    expect(table.records[0]?.values).toEqual(['1', 'Centre A', 'Sur rendez-vous, deux doses']);
  });

  it('numbers records from 2 (the header is row 1) and gives the line each starts on, across quoted line breaks', () => {
    const table = readCsv(bytes('gid;notes\r\n1;"deux\r\nlignes"\r\n\r\n2;une\r\n'));
    expect(table.records.map(({ row, line }) => ({ row, line }))).toEqual([
      { row: 2, line: 2 },
      { row: 3, line: 5 },
    ]);
    expect(table.records[0]?.values[1]).toBe('deux\nlignes');
  });

  it('keeps a stray quote inside an unquoted field as text, as the real list has one', () => {
    const table = readCsv(bytes('gid;rdv_site_web\n1;https://example.fr/?locale=fr" \n'));
    expect(table.records[0]?.values[1]).toBe('https://example.fr/?locale=fr" ');
  });

  it('keeps records whose field count differs from the header', () => {
    const table = readCsv(bytes('gid;nom;com_cp\n1;Court\n2;Long;35000;extra\n'));
    expect(table.records.map((record) => record.values.length)).toEqual([2, 4]);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    const table = readCsv(Uint8Array.from([...bytes('gid;nom\n1;H'), 0xf4, ...bytes('pital\n')]));
    expect(table.encoding).toBe('windows-1252');
    expect(table.records[0]?.values[1]).toBe('Hôpital');
  });

  it('refuses an empty file and an unclosed quote', () => {
    expect(() => readCsv(bytes(''))).toThrow(CsvError);
    expect(() => readCsv(bytes('gid;nom\n1;"jamais fermé\n2;B\n'))).toThrow(CsvError);
  });
});
