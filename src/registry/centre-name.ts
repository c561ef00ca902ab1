import { searchKey } from '../places/normalise.ts';

/** The words of a name or an address in the form places are compared in (`searchKey`). */
export function comparableWords(text: string): string[] {
  const key = searchKey(text);
  return key ? key.split(' ') : [];
}

// Words almost every centre's name has: they say nothing about which centre it is.
const GENERIC_NAME_WORDS = new Set([
  'centre',
  'center',
  'clinic',
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'l',
  'd',
  'et',
  'a',
  'au',
  'aux',
  'en',
  'vaccination',
  'vaccinal',
  'covid',
  'covid19',
  '19',
  'cv',
  'cvc',
  'site',
  'lieu',
  'contre',
]);

/**
 * What tells one centre's name from another's, for matching a name against another list (the
 * import's duplicate rule, a SMART feed's locations): its words without the generic ones.
 */
export function distinctiveNameWords(name: string): Set<string> {
  return new Set(comparableWords(name).filter((word) => !GENERIC_NAME_WORDS.has(word)));
}

/** Dice coefficient of two names' distinctive words: 1 for the same words, 0 for none shared. */
export function nameSimilarity(a: string, b: string): number {
  const ta = distinctiveNameWords(a);
  const tb = distinctiveNameWords(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return (2 * shared) / (ta.size + tb.size);
}
