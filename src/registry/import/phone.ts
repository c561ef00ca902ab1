import type { Parsed } from './parse-fields.ts';

/**
 * Phones are stored in E.164 (`+33299000000`, `+590590862931`) so that a `tel:` link works from any
 * phone; short service numbers (`3975`) stay as their digits, as they have no international form.
 */

// Overseas départements share the national plan (0590… is dialled from Paris) but have their own country code.
const OVERSEAS_COUNTRY_CODES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^0(590|690|691)/, '590'],
  [/^0(594|694)/, '594'],
  [/^0(596|696|697)/, '596'],
  [/^0(262|263|692|693|269|639)/, '262'],
];
const FRENCH_COUNTRY_CODES = ['33', '590', '594', '596', '262'];

function e164FromNational(national: string): string {
  const country = OVERSEAS_COUNTRY_CODES.find(([prefix]) => prefix.test(national))?.[1] ?? '33';
  return `+${country}${national.slice(1)}`;
}

/** The ten-digit national form of a French number written in any of the ways the list has them. */
function frenchNational(digits: string, international: boolean): string | null {
  if (!international && /^0\d{9}$/.test(digits)) return digits;
  for (const code of FRENCH_COUNTRY_CODES) {
    if (!digits.startsWith(code)) continue;
    const rest = digits.slice(code.length);
    // `+33 0 …`: the trunk 0 kept after the country code.
    if (/^\d{9}$/.test(rest)) return `0${rest}`;
    if (/^0\d{9}$/.test(rest)) return rest;
  }
  return null;
}

const PHONE_LIKE = /(?:\+|\b00)?\s*\d[\d\s.\-/()\u00a0]*\d/;

/** One phone field → a dialable number, or null with a warning when nothing dialable is in it. */
export function parsePhone(text: string, column: string): Parsed<string | null> {
  if (!text) return { value: null };
  const found = PHONE_LIKE.exec(text)?.[0] ?? '';
  const digits = found.replace(/\D/g, '');
  const international = /^\s*(\+|00)/.test(found);
  const withoutPrefix = found.trim().startsWith('00') ? digits.slice(2) : digits;
  const national = frenchNational(withoutPrefix, international);
  const frenchCode = international && FRENCH_COUNTRY_CODES.some((code) => withoutPrefix.startsWith(code));
  const value = national
    ? e164FromNational(national)
    : international && !frenchCode && /^[1-9]\d{7,14}$/.test(withoutPrefix)
      ? `+${withoutPrefix}`
      : !international && /^[13]\d{1,5}$/.test(digits)
        ? digits
        : null;
  if (!value) {
    return {
      value: null,
      issue: { kind: 'bad-phone', message: `${column} "${text}" is not a phone number; left out` },
    };
  }
  const rest = text.replace(found, '').trim();
  if (rest)
    return { value, issue: { kind: 'phone-with-text', message: `${column} "${text}" read as ${value}` } };
  return { value };
}
