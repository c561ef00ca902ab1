import type { CentrePhone } from '../centre.ts';
import type { FieldIssue } from './import-report.ts';
import type { Parsed } from './parse-fields.ts';

/**
 * Phones are stored in E.164 (`+33299000000`, `+590590862931`) so that a `tel:` link works from any
 * phone, and shown in French grouping (`02 99 00 00 00`); short service numbers (`3975`) stay as their
 * digits, as they have no international form. One field may hold several numbers
 * (`08 09 10 20 89/ 08 00 08 33 46`) or a shorthand for two (`01 77 70 73 70/71`).
 */

// Overseas départements share the national plan (0590… is dialled from Paris) but have their own country
// code. Mayotte (0269 fixed, 0639 mobile) dials as +262 since 2007, like La Réunion; +269 is the Comoros.
const OVERSEAS_COUNTRY_CODES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^0(590|690|691)/, '590'],
  [/^0(594|694)/, '594'],
  [/^0(596|696|697)/, '596'],
  [/^0(262|263|692|693|269|639)/, '262'],
  [/^0508/, '508'],
];
const FRENCH_COUNTRY_CODES = ['33', '590', '594', '596', '262', '508'];

function e164FromNational(national: string): string {
  const country = OVERSEAS_COUNTRY_CODES.find(([prefix]) => prefix.test(national))?.[1] ?? '33';
  return `+${country}${national.slice(1)}`;
}

/** The ten-digit national form of a French number written in any of the ways the list has them. */
function frenchNational(digits: string, international: boolean): string | null {
  if (!international && /^0\d{9}$/.test(digits)) return digits;
  // Mayotte written with its pre-2007 code: `+269 269 61 00 00`.
  if (/^269(269|639)\d{6}$/.test(digits)) return `0${digits.slice(3)}`;
  for (const code of FRENCH_COUNTRY_CODES) {
    if (!digits.startsWith(code)) continue;
    const rest = digits.slice(code.length);
    // `+33 0 …`: the trunk 0 kept after the country code.
    if (/^\d{9}$/.test(rest)) return `0${rest}`;
    if (/^0\d{9}$/.test(rest)) return rest;
  }
  return null;
}

/** `+33299000000` → `02 99 00 00 00`; a short number in pairs (`39 75`); a foreign number as it is. */
export function displayPhone(number: string): string {
  const french = /^\+(33|590|594|596|262|508)(\d{9})$/.exec(number);
  if (french?.[2]) return `0${french[2]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  if (/^\d{3,6}$/.test(number)) return number.replace(/(\d{2})(?=\d)/g, '$1 ');
  return number;
}

/** One written number → its dialable form, or null. */
function dialable(token: string): string | null {
  const digits = token.replace(/\D/g, '');
  const trimmed = token.trim();
  const international = /^(\+|00)/.test(trimmed);
  const withoutPrefix = trimmed.startsWith('00') ? digits.slice(2) : digits;
  const national = frenchNational(withoutPrefix, international);
  if (national) return e164FromNational(national);
  const frenchCode = international && FRENCH_COUNTRY_CODES.some((code) => withoutPrefix.startsWith(code));
  if (international && !frenchCode && /^[1-9]\d{7,14}$/.test(withoutPrefix)) return `+${withoutPrefix}`;
  if (!international && /^[13]\d{3,5}$/.test(digits)) return digits;
  return null;
}

// A written number: digits with the separators people put between them; `/` separates numbers.
const NUMBER_LIKE = /(?:\+|\b00)?\d[\d .\-()\u00a0]*\d|\d/g;
// What may stand between a number and the shorthand of the next: `/71`, ` ou 71`, `, 71`, ` - 71`.
const SHORTHAND_GAP = /^\s*(?:\/|,|;|-|ou|et|&)\s*$/i;

interface Token {
  text: string;
  digits: string;
  start: number;
  end: number;
}

/** Twenty digits written as one run are two ten-digit numbers (`01 23 45 67 89 - 01 23 45 67 90`). */
function splitRun(token: Token): Token[] {
  if (!/^0\d{9}0\d{9}$/.test(token.digits)) return [token];
  return [token.digits.slice(0, 10), token.digits.slice(10)].map((digits) => ({
    ...token,
    text: digits,
    digits,
  }));
}

export interface ParsedPhones {
  numbers: CentrePhone[];
  issues: FieldIssue[];
}

/**
 * One phone field → every dialable number in it, with the field's text kept; a warning for each part that
 * is not dialable (never silently dropped nor kept), for text around the numbers, and for a field read as
 * several numbers.
 */
export function parsePhones(text: string, column: string): ParsedPhones {
  const field = text.trim();
  if (!field) return { numbers: [], issues: [] };
  const tokens: Token[] = [...field.matchAll(NUMBER_LIKE)].flatMap((match) =>
    splitRun({
      text: match[0],
      digits: match[0].replace(/\D/g, ''),
      start: match.index,
      end: match.index + match[0].length,
    }),
  );
  const numbers: CentrePhone[] = [];
  const issues: FieldIssue[] = [];
  const undialable: string[] = [];
  let textAround = false;
  let shorthand = false;
  let previous: { token: Token; national: string } | null = null;
  for (const token of tokens) {
    const gap = previous ? field.slice(previous.token.end, token.start) : '';
    if (
      previous &&
      token.digits.length < 4 &&
      token.digits.length < previous.national.length &&
      SHORTHAND_GAP.test(gap)
    ) {
      // `01 77 70 73 70/71`: the second number shares all but its last digits with the first.
      const national: string = previous.national.slice(0, -token.digits.length) + token.digits;
      const number = dialable(national);
      if (number) {
        numbers.push({ number, display: displayPhone(number), column, text: field });
        shorthand = true;
        previous = { token, national };
        continue;
      }
    }
    if (token.digits.length < 4) {
      // A stray short figure (`à compter du 18/01`) is text, not a number.
      textAround = true;
      previous = null;
      continue;
    }
    const number = dialable(token.text);
    if (!number) {
      undialable.push(token.text.trim());
      previous = null;
      continue;
    }
    numbers.push({ number, display: displayPhone(number), column, text: field });
    const national = /^\+(33|590|594|596|262|508)(\d{9})$/.exec(number)?.[2];
    previous = { token, national: national ? `0${national}` : number };
  }
  const rest = tokens.reduce((left, token) => left.replace(token.text, ' '), field);
  if (/[\p{L}]/u.test(rest)) textAround = true;
  for (const written of undialable) {
    const part = written === field ? '' : `: "${written}"`;
    issues.push({
      kind: 'bad-phone',
      message: `${column} "${field}"${part} is not a dialable number; left out`,
    });
  }
  if (numbers.length === 0 && undialable.length === 0) {
    issues.push({ kind: 'bad-phone', message: `${column} "${field}" is not a phone number; left out` });
  } else if (numbers.length > 1) {
    issues.push({
      kind: 'phones-split',
      message: `${column} "${field}" read as ${numbers.length} numbers${shorthand ? ' (a shared-prefix shorthand expanded)' : ''}: ${numbers.map((n) => n.number).join(', ')}`,
    });
  } else if (textAround && numbers.length === 1) {
    issues.push({ kind: 'phone-with-text', message: `${column} "${field}" read as ${numbers[0]?.number}` });
  }
  return { numbers, issues };
}

/** One phone field → its first dialable number, or null with a warning when nothing dialable is in it. */
export function parsePhone(text: string, column: string): Parsed<string | null> {
  const { numbers, issues } = parsePhones(text, column);
  const issue = issues[0];
  return { value: numbers[0]?.number ?? null, ...(issue ? { issue } : {}) };
}
