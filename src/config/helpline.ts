import { z } from 'zod';
import { phoneDisplay } from '../format/format.ts';

/**
 * Issue 15, point 1: the operator's helpline, `CRENEAU_HELPLINE`, shown large where a search leaves
 * someone without a slot (no-slot results, phone-only cards without a number, the commune sheet and
 * its print). Unset, it is the national free number for COVID vaccination appointments; `off` shows
 * none (an operator whose own line is not ready yet).
 */

/** The national free number ("numéro vert") for vaccination appointments. */
export const NATIONAL_HELPLINE = '0800009110';

export interface Helpline {
  /** Digits only, as configured (`0800009110`, `+33800009110`, `3975`). */
  number: string;
  /** As people read it: `0 800 009 110` for a free number, else French pairs. */
  label: string;
  href: string;
  /** A 0 800 to 0 805 number: free from any phone. */
  free: boolean;
}

const OFF = ['off', 'none', 'false', '0', 'no'];

const HelplineNumber = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s.\-()]/g, ''))
  .pipe(
    z
      .string()
      .regex(
        /^(\+\d{8,15}|0\d{9}|\d{4,6})$/,
        'expected a phone number such as 0 800 009 110, +33 800 009 110 or 3975',
      ),
  );

export function helplineFrom(number: string): Helpline {
  const national = number.startsWith('+33') ? `0${number.slice(3)}` : number;
  const free = /^080[0-5]\d{6}$/.test(national);
  const { label, href } = phoneDisplay(number);
  return {
    number,
    // Free numbers are written 0 800 009 110 in France, not 08 00 00 91 10.
    label: free ? national.replace(/^(\d)(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3 $4') : label,
    href,
    free,
  };
}

/** The helpline and what is wrong with the variable, if anything (`loadConfig` refuses to start on it). */
export function resolveHelpline(env: NodeJS.ProcessEnv = process.env): {
  helpline: Helpline | null;
  problems: string[];
} {
  const raw = env.CRENEAU_HELPLINE?.trim();
  if (!raw) return { helpline: helplineFrom(NATIONAL_HELPLINE), problems: [] };
  if (OFF.includes(raw.toLowerCase())) return { helpline: null, problems: [] };
  const parsed = HelplineNumber.safeParse(raw);
  if (!parsed.success)
    return {
      helpline: null,
      problems: [`CRENEAU_HELPLINE="${raw}": ${parsed.error.issues[0]?.message ?? 'invalid'} (or off)`],
    };
  return { helpline: helplineFrom(parsed.data), problems: [] };
}

/** The helpline pages show; null when off (or invalid: the start refuses that one before any page). */
export function helpline(env: NodeJS.ProcessEnv = process.env): Helpline | null {
  return resolveHelpline(env).helpline;
}
