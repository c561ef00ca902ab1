import { parse } from 'csv-parse/sync';
import { z } from 'zod';

export type CsvDelimiter = ';' | ',';

/** One data record: `row` counts records as a spreadsheet does (the header is row 1), `line` is where it starts. */
export interface CsvRecord {
  row: number;
  line: number;
  values: string[];
}

export interface CsvTable {
  header: string[];
  delimiter: CsvDelimiter;
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  records: CsvRecord[];
}

/** The file cannot be read as a CSV table at all (empty, no header, broken quoting). */
export class CsvError extends Error {
  override name = 'CsvError';
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

// csv-parse hands back loosely typed records; this is the boundary where they become ours.
const ParsedRecord = z.object({
  record: z.array(z.string()),
  raw: z.string(),
  info: z.object({ lines: z.number().int() }),
});

function hasBom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

/** Decodes as UTF-8, falling back to Windows-1252 for the spreadsheet exports that re-encode the file. */
function decode(bytes: Uint8Array): { text: string; encoding: CsvTable['encoding'] } {
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The delimiter is whichever of `;` and `,` splits the header line more: header names hold neither. */
function detectDelimiter(headerLine: string): CsvDelimiter {
  const count = (char: string) => headerLine.split(char).length - 1;
  return count(',') > count(';') ? ',' : ';';
}

/** Turns the bytes of a delimited file into a header and records; CRLF or LF, `;` or `,`, with or without BOM. */
export function readCsv(bytes: Uint8Array): CsvTable {
  const bom = hasBom(bytes);
  const decoded = decode(bytes);
  // Quoted fields may hold line breaks too: normalising every CRLF to LF keeps their text and lets one
  // record delimiter serve both conventions.
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (!firstLine.trim()) throw new CsvError('the file is empty or its first line (the header) is blank');
  const delimiter = detectDelimiter(firstLine);

  let parsed: unknown;
  try {
    parsed = parse(text, {
      delimiter,
      record_delimiter: '\n',
      info: true,
      raw: true,
      relax_column_count: true,
      // Real files hold stray quotes inside unquoted fields (`…?locale=fr"`): keep them as text.
      relax_quotes: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    throw new CsvError(
      `the file is not a readable CSV table: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const rows = z.array(ParsedRecord).parse(parsed);
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) throw new CsvError('the file has no header row');

  const records = dataRows.map((parsedRow, index): CsvRecord => {
    const body = parsedRow.raw.replace(/^\n+/, '').replace(/\n$/, '');
    const innerBreaks = body.split('\n').length - 1;
    return { row: index + 2, line: parsedRow.info.lines - innerBreaks, values: parsedRow.record };
  });
  return { header: headerRow.record, delimiter, encoding: decoded.encoding, bom, records };
}
