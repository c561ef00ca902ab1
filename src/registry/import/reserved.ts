import { withoutAccents } from '../../shared/text.ts';

/**
 * When `reserve_professionels_sante` is empty or absent, the list often says it in words instead, in the
 * centre's name or its `rdv_modalites`: "réservé aux professionnels de santé", "personnels soignants",
 * "PS uniquement"… Each pattern is matched on the text lowercased and without accents.
 */
const RESERVED_WORDING: readonly RegExp[] = [
  // "réservé(e)(s) aux professionnels de santé", "reserve uniquement aux professionnel(le)s de sante"
  /\breserve(?:e|s|es)? (?:uniquement |exclusivement )?(?:aux|pour les) professionn?el(?:le)?s? de sante\b/,
  // "professionnels de santé uniquement / seulement / exclusivement"
  /\bprofessionn?el(?:le)?s? de sante\b[^.;]{0,20}\b(?:uniquement|seulement|exclusivement)\b/,
  // "uniquement pour les professionnels de santé", "exclusivement aux personnels soignants"
  /\b(?:uniquement|seulement|exclusivement)\b[^.;]{0,30}\b(?:professionn?el(?:le)?s? de sante|personnels? soignants?|soignants)\b/,
  // "personnels soignants", "personnel soignant", "pour les soignants"
  /\bpersonnels? soignants?\b/,
  /\b(?:pour|aux) (?:les )?soignants\b/,
  // "PS uniquement", "réservé PS", "(PS)" as an abbreviation of professionnels de santé
  /\bps (?:uniquement|seulement|exclusivement)\b/,
  /\breserve(?:e|s|es)? (?:aux )?ps\b/,
  // "centre réservé au personnel hospitalier / de l'hôpital / du CHU"
  /\breserve(?:e|s|es)? (?:au|aux) personnels?\b/,
];

/**
 * A text that also opens the centre to others ("plus de 75 ans et personnels soignants", "ouvert à
 * tous") does not make it reserved, whatever else it says.
 */
const OPEN_TO_OTHERS =
  /\b(?:tout public|grand public|ouvert a tous|plus de \d+ ans|\d+ ans et plus|patients?|personnes? agees?|public prioritaire)\b/;

function plain(text: string): string {
  return withoutAccents(text).toLowerCase().replace(/[’']/g, ' ').replace(/\s+/g, ' ');
}

/** The wording that says a centre is reserved for health professionals, or null when none does. */
export function reservedWording(...texts: readonly string[]): string | null {
  for (const text of texts) {
    if (!text) continue;
    const words = plain(text);
    if (OPEN_TO_OTHERS.test(words)) continue;
    for (const pattern of RESERVED_WORDING) {
      const match = pattern.exec(words);
      if (match) return match[0];
    }
  }
  return null;
}
