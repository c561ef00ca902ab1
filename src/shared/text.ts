/**
 * Text as people type it compared as machines must: one rule for dropping accents and one for URL
 * slugs, so a name folded by the importer, a platform's simulator and the département list agree.
 */

/** `Crèche Élysée` → `Creche Elysee`: the accents (combining marks once decomposed) dropped, case kept. */
export function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** `Côtes-d'Armor` → `cotes-d-armor`: no accents, lower case, every other run of characters one dash. */
export function slug(text: string): string {
  return withoutAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
