import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from '../../../src/shared/csv.ts';

describe('csvDocument', () => {
  it('starts with a byte-order mark, separates with ";" and ends every line with CRLF', () => {
    const text = csvDocument(['nom', 'commune'], [['Salle des fêtes', 'Rennes']]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('nom;commune\r\nSalle des fêtes;Rennes\r\n');
  });

  it('quotes fields holding the separator, quotes or line breaks, and a parser reads them back intact', () => {
    const awkward = ['Centre « Le Phare » ; bât. B', 'Dit "le grand"', 'ligne 1\nligne 2', 'Élancourt'];
    const text = csvDocument(['a', 'b', 'c', 'd'], [awkward]);
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(rows).toEqual([['a', 'b', 'c', 'd'], awkward]);
  });

  it('writes null as an empty cell and numbers as they are', () => {
    expect(csvDocument(['x', 'y'], [[null, 12]]).slice(1)).toBe('x;y\r\n;12\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('Centre Pasteur')).toBe('Centre Pasteur');
  });
});
