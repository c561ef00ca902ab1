import type { Messages } from '../i18n/fr.ts';
import { DAY_AND_TIME, dateTimeParts, localDate } from '../shared/time.ts';

/**
 * An instant's parts in `timeZone`, and whether it falls on the same local day as `nowMs` there:
 * the messages leave the date out then ("10 h 42" rather than "le 3 décembre à 10 h 42").
 */
export function clockParts(
  instantMs: number,
  nowMs: number,
  timeZone: string,
  t: Pick<Messages, 'intl'>,
): [parts: Record<string, string>, sameDay: boolean] {
  return [
    dateTimeParts(instantMs, t.intl, { timeZone, ...DAY_AND_TIME }),
    localDate(instantMs, timeZone) === localDate(nowMs, timeZone),
  ];
}
