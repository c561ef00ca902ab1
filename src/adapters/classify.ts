import type { Dose } from './availability.ts';

/** Lower-case, without accents: motive names are typed by hand, with or without them. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * The dose a motive is for, from its name. Motive names change without notice, so anything
 * not recognised is `unknown` (still counted), never dropped. Order matters: "1ère injection
 * (sans rappel)" is a first dose, "dose de rappel" a booster.
 */
export function doseFromText(text: string): Dose {
  const name = fold(text).replace(/sans rappel/g, '');
  if (/\b[34] ?(e|eme|ieme)\b|troisieme|quatrieme|booster|dose de rappel/.test(name)) return 'booster';
  if (/\b1 ?(ere|er|re|e)\b|premiere|\binj ?1\b|\bdose ?1\b|\bfirst\b/.test(name)) return 'first';
  if (/\b2 ?(eme|nde|nd|e)\b|deuxieme|\bseconde?\b|\binj ?2\b|\bdose ?2\b/.test(name)) return 'second';
  if (/\brappel\b/.test(name)) return 'booster';
  return 'unknown';
}

const VACCINES: ReadonlyArray<readonly [string, RegExp]> = [
  ['Pfizer-BioNTech', /pfizer|biontech|comirnaty/],
  ['Moderna', /moderna|spikevax/],
  ['AstraZeneca', /astra ?zeneca|vaxzevria/],
  ['Janssen', /janssen|johnson/],
  ['Novavax', /novavax|nuvaxovid/],
];

/** The vaccine a motive names, or null when it does not say. */
export function vaccineFromText(text: string): string | null {
  const name = fold(text);
  for (const [vaccine, pattern] of VACCINES) if (pattern.test(name)) return vaccine;
  return null;
}
