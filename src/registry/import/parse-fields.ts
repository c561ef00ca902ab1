import { offsetMinutes, offsetText } from '../../shared/time.ts';
import type { FieldIssue } from './import-report.ts';

const SANTE_FR_ZONE = 'Europe/Paris';

export interface Parsed<T> {
  value: T;
  issue?: FieldIssue;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (!isCalendarDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `dd/mm/yyyy` (January files), `yyyy-mm-dd` (later files, possibly with a time) → `yyyy-mm-dd`. */
export function parseDate(text: string, column: string): Parsed<string | null> {
  if (!text) return { value: null };
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/.exec(text);
  const value = french
    ? isoDate(Number(french[3]), Number(french[2]), Number(french[1]))
    : iso
      ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
      : null;
  if (value) return { value };
  return {
    value: null,
    issue: { kind: 'bad-date', message: `${column} "${text}" is not a date; left empty` },
  };
}

/**
 * `_edit_datemaj` → ISO 8601 with an offset. The export writes a wall-clock time without a zone
 * (`2021-01-14 17:30:16.750551`); Santé.fr's servers ran on French time, so it is read as Europe/Paris.
 * A value that already carries `Z` or an offset keeps it.
 */
export function parseTimestamp(text: string, column: string): Parsed<string | null> {
  if (!text) return { value: null };
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      text,
    );
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone] = match ?? [];
  if (!y || !mo || !d || !h || !mi || !isCalendarDate(Number(y), Number(mo), Number(d)) || Number(h) > 23) {
    return {
      value: null,
      issue: { kind: 'bad-timestamp', message: `${column} "${text}" is not a date and time; left empty` },
    };
  }
  const wall = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}`;
  if (zone) return { value: `${wall}${zone === 'Z' ? 'Z' : normaliseZone(zone)}` };
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // The offset at the guessed instant is right except within the hour of a DST change; a second look fixes it.
  const first = offsetMinutes(asUtc, SANTE_FR_ZONE);
  const offset = offsetMinutes(asUtc - first * 60_000, SANTE_FR_ZONE);
  return { value: `${wall}${offsetText(offset)}` };
}

function normaliseZone(zone: string): string {
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

const TRUE_WORDS = new Set(['t', 'true', 'oui', 'o', 'yes', 'y', 'vrai', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'non', 'n', 'no', 'faux', '0']);
// `non précisé` says "not stated", not "no".
const UNKNOWN =
  /^\s*(non\s+(précisé|precise|renseigné|renseigne|communiqué|communique|connu|défini|defini)e?s?|nc|n\/a|inconnu|ne sait pas|nsp)\s*\.?\s*$/iu;

/**
 * `t`/`f`, `true`/`false`, `oui`/`non`, `1`/`0`, empty → null. People typed free text into
 * `lieu_accessibilite` (`oui (le parcours est fléché)`): a leading yes/no word still counts, with a warning.
 */
export function parseBoolean(text: string, column: string): Parsed<boolean | null> {
  if (!text || UNKNOWN.test(text)) return { value: null };
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const first = words[0] ?? '';
  const value = TRUE_WORDS.has(first) ? true : FALSE_WORDS.has(first) ? false : null;
  if (value === null) {
    return {
      value: null,
      issue: { kind: 'bad-boolean', message: `${column} "${text}" is not yes or no; left empty` },
    };
  }
  if (words.length === 1) return { value };
  return {
    value,
    issue: { kind: 'boolean-with-text', message: `${column} "${text}" read as ${value ? 'yes' : 'no'}` },
  };
}

/** INSEE commune code: 5 digits or 2A/2B + 3; a leading zero lost by a spreadsheet is put back. */
export function parseInsee(text: string): Parsed<string | null> {
  if (!text) return { value: null };
  const code = text.toUpperCase();
  if (/^(\d{5}|2[AB]\d{3})$/.test(code)) return { value: code };
  if (/^\d{4}$/.test(code)) return { value: `0${code}` };
  return {
    value: null,
    issue: { kind: 'bad-insee', message: `com_insee "${text}" is not an INSEE code; left empty` },
  };
}

/** Postcode: 5 digits; a leading zero lost by a spreadsheet is put back. */
export function parsePostcode(text: string): Parsed<string | null> {
  if (!text) return { value: null };
  if (/^\d{5}$/.test(text)) return { value: text };
  if (/^\d{4}$/.test(text)) return { value: `0${text}` };
  return {
    value: null,
    issue: { kind: 'bad-postcode', message: `com_cp "${text}" is not a postcode; left empty` },
  };
}
