import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import { dateTimeParts, WEEKDAY_DATE_TIME } from '../shared/time.ts';

type Language = 'fr' | 'en';

/**
 * The two lines a sheet dates itself with, in both languages. Kept here rather than in src/i18n
 * because the browser bundles this file (`<print-sheet>` rewrites the date when printing starts)
 * and should not carry every message of the site for two sentences.
 */
const WORDS = {
  fr: {
    intl: 'fr-FR',
    printed: (p: Record<string, string>) =>
      `Imprimé le ${p.weekday} ${p.day} ${p.month} ${p.year} à ${Number(p.hour)} h ${p.minute}`,
    today: (p: Record<string, string>) => `à ${Number(p.hour)} h ${p.minute}`,
    otherDay: (p: Record<string, string>) =>
      `le ${p.weekday} ${p.day} ${p.month} à ${Number(p.hour)} h ${p.minute}`,
  },
  en: {
    intl: 'en-GB',
    printed: (p: Record<string, string>) =>
      `Printed on ${p.weekday} ${p.day} ${p.month} ${p.year} at ${p.hour}:${p.minute}`,
    today: (p: Record<string, string>) => `at ${p.hour}:${p.minute}`,
    otherDay: (p: Record<string, string>) => `on ${p.weekday} ${p.day} ${p.month} at ${p.hour}:${p.minute}`,
  },
} as const;

function partsOf(date: Date, timeZone: string, language: Language): Record<string, string> {
  return dateTimeParts(date, WORDS[language].intl, { timeZone, ...WEEKDAY_DATE_TIME });
}

/** "Imprimé le lundi 18 janvier 2021 à 9 h 05": paper has no "il y a 3 min", so it says when. */
export function printedAtLabel(date: Date, timeZone = DEFAULT_TIME_ZONE, language: Language = 'fr'): string {
  return WORDS[language].printed(partsOf(date, timeZone, language));
}

/** "à 9 h 05" (today) or "le lundi 18 janvier à 9 h 05": when an availability was last confirmed. */
export function checkedAtLabel(
  iso: string,
  now: Date,
  timeZone = DEFAULT_TIME_ZONE,
  language: Language = 'fr',
): string {
  const at = partsOf(new Date(iso), timeZone, language);
  const today = partsOf(now, timeZone, language);
  const sameDay = at.day === today.day && at.month === today.month && at.year === today.year;
  return sameDay ? WORDS[language].today(at) : WORDS[language].otherDay(at);
}
