import { withoutAccents } from '../shared/text.ts';

/** Abbreviations people type for the words that begin so many commune names. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['st', 'saint'],
  ['ste', 'sainte'],
  ['sts', 'saints'],
  ['stes', 'saintes'],
]);

/**
 * The form a place name and a query are compared in: no accents, lower case, words split on
 * anything that is not a letter or digit (so hyphens, apostrophes and spaces are the same),
 * `St`/`Ste` spelled out. `Saint-Malo`, `ST MALO` and `st-malo` all give `saint malo`.
 */
export function searchKey(text: string): string {
  const words = withoutAccents(text)
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  return words.map((word) => ABBREVIATIONS.get(word) ?? word).join(' ');
}
