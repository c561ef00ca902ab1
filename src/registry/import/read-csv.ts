import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

export type CsvDelimiter = ';' | ',';

/** One data record: `row` counts records as a spreadsheet does (the header is row 1), `line` is where it starts. */
export interface CsvRecord {
  row: number;
  line: number;
  values: string[];
}

/** What is known of a table before its records: its header and how the file is written. */
export interface CsvHead {
  header: string[];
  delimiter: CsvDelimiter;
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
}

export interface CsvTable extends CsvHead {
  records: CsvRecord[];
}

/** A table whose records are parsed as they are asked for (`streamCsv`). */
export interface CsvStream extends CsvHead {
  records: AsyncIterable<CsvRecord>;
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

/** The parse options both readers share. */
const PARSE_OPTIONS = {
  record_delimiter: '\n',
  info: true,
  raw: true,
  relax_column_count: true,
  // Real files hold stray quotes inside unquoted fields (`…?locale=fr"`): keep them as text.
  relax_quotes: true,
  skip_empty_lines: true,
} as const;

const notReadable = (error: unknown) =>
  new CsvError(
    `the file is not a readable CSV table: ${error instanceof Error ? error.message : String(error)}`,
  );

/** A parsed record's place: its spreadsheet row (`index` counts data records from 0) and first line. */
function toRecord(parsedRow: z.infer<typeof ParsedRecord>, index: number): CsvRecord {
  const body = parsedRow.raw.replace(/^\n+/, '').replace(/\n$/, '');
  const innerBreaks = body.split('\n').length - 1;
  return { row: index + 2, line: parsedRow.info.lines - innerBreaks, values: parsedRow.record };
}

/** Slices of decoded text, every CRLF or lone CR made LF (a CR ending a slice waits for the next). */
function* normalisedText(bytes: Uint8Array, encoding: CsvHead['encoding'], sliceBytes: number) {
  const decoder = new TextDecoder(encoding);
  let pending = '';
  for (let offset = 0; offset < bytes.length; offset += sliceBytes) {
    let text = pending + decoder.decode(bytes.subarray(offset, offset + sliceBytes), { stream: true });
    pending = text.endsWith('\r') ? '\r' : '';
    if (pending) text = text.slice(0, -1);
    if (text) yield text.replace(/\r\n?/g, '\n');
  }
  const rest = (pending + decoder.decode()).replace(/\r\n?/g, '\n');
  if (rest) yield rest;
}

/**
 * `readCsv` for `creneau import`: the same table, but records parsed from the bytes slice by slice
 * (csv-parse's stream API) as the caller asks for them, so only the current one is held, never the
 * decoded text or every record at once (issue 13, point 8). A CsvError may come from the iteration.
 */
export async function streamCsv(bytes: Uint8Array, sliceBytes = 64 * 1024): Promise<CsvStream> {
  const bom = hasBom(bytes);
  const encoding: CsvHead['encoding'] = isUtf8(bytes) ? 'utf-8' : 'windows-1252';
  const newline = bytes.indexOf(0x0a);
  const prefix = new TextDecoder(encoding).decode(bytes.subarray(0, newline < 0 ? bytes.length : newline));
  const firstLine = prefix.replace(/\r\n?/g, '\n').split('\n', 1)[0] ?? '';
  if (!firstLine.trim()) throw new CsvError('the file is empty or its first line (the header) is blank');
  const delimiter = detectDelimiter(firstLine);

  const parser = Readable.from(normalisedText(bytes, encoding, sliceBytes)).pipe(
    parseStream({ delimiter, ...PARSE_OPTIONS }),
  );
  const rows = parser[Symbol.asyncIterator]();
  const next = async (): Promise<z.infer<typeof ParsedRecord> | null> => {
    let step: IteratorResult<unknown>;
    try {
      step = await rows.next();
    } catch (error) {
      throw notReadable(error);
    }
    return step.done ? null : ParsedRecord.parse(step.value);
  };
  const headerRow = await next();
  if (!headerRow) throw new CsvError('the file has no header row');
  async function* records(): AsyncGenerator<CsvRecord> {
    try {
      for (let index = 0, row = await next(); row; row = await next(), index++) yield toRecord(row, index);
    } finally {
      parser.destroy();
    }
  }
  return { header: headerRow.record, delimiter, encoding, bom, records: records() };
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
    parsed = parse(text, { delimiter, ...PARSE_OPTIONS });
  } catch (error) {
    throw notReadable(error);
  }
  const rows = z.array(ParsedRecord).parse(parsed);
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) throw new CsvError('the file has no header row');

  const records = dataRows.map(toRecord);
  return { header: headerRow.record, delimiter, encoding: decoded.encoding, bom, records };
}
