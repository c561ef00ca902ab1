/**
 * CSV as French spreadsheets open it with a double click: UTF-8 with a byte-order mark (or Excel
 * reads the accents as Latin-1), `;` between fields (`,` is the decimal separator in fr-FR), CRLF
 * line ends (RFC 4180). Every CSV the site serves is written here. csv-stringify (with
 * `escape_formulas`) would write the same; these 25 lines spare a dependency for what we write.
 */
export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

// A cell a spreadsheet would run as a formula (OWASP "CSV injection"): names and addresses come
// from imported lists, so they are defused with a leading apostrophe, which spreadsheets hide.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvDocument(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(CSV_SEPARATOR));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
