import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import { dateTimeParts, WEEKDAY_DATE_TIME } from '../shared/time.ts';

function partsOf(date: Date, timeZone: string): Record<string, string> {
  return dateTimeParts(date, 'fr-FR', { timeZone, ...WEEKDAY_DATE_TIME });
}

/** "Imprimé le lundi 18 janvier 2021 à 9 h 05": paper has no "il y a 3 min", so it says when. */
export function printedAtLabel(date: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const p = partsOf(date, timeZone);
  return `Imprimé le ${p.weekday} ${p.day} ${p.month} ${p.year} à ${Number(p.hour)} h ${p.minute}`;
}

/** "9 h 05" (today) or "lundi 18 janvier à 9 h 05": when an availability was last confirmed. */
export function checkedAtLabel(iso: string, now: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const at = partsOf(new Date(iso), timeZone);
  const today = partsOf(now, timeZone);
  const time = `${Number(at.hour)} h ${at.minute}`;
  const sameDay = at.day === today.day && at.month === today.month && at.year === today.year;
  return sameDay ? `à ${time}` : `le ${at.weekday} ${at.day} ${at.month} à ${time}`;
}
