import { createRequire } from 'node:module';
import * as cheerio from 'cheerio';
import { en } from '../../src/i18n/en.ts';
import { fr } from '../../src/i18n/fr.ts';
import * as demoWords from '../../src/registry/demo-words.ts';

/**
 * What "a French string from the French message file" means for the English test (issue 15,
 * point 9), worked out from the messages themselves so every string a helper adds is covered:
 *
 * - every string of `fr.ts`, and every function's output cut at its holes (a function is called
 *   with stand-ins for what varies, several ways, so each branch of a plural or a null shows);
 * - cut into fragments, then kept only when a fragment is at least `MIN_LETTERS` letters long and
 *   appears nowhere in the English messages ("Créneau", "Doctolib", "Sources", "km" and numbers
 *   are the same in both languages and say nothing about the page's language);
 * - matched in a page as a whole run of words (no letter either side, case kept), so "Rappel"
 *   does not fire inside "Rappeler", nor "Centres" inside an English "Centres near…".
 *
 * Why 6 letters: shorter fragments ("oui", "Jour", "Tous") are as likely to be part of a centre's
 * name or address (data, French on every page) as a message; longer single words ("Horaires",
 * "Afficher", "Fermeture") and every phrase are not. French text that belongs on an English page
 * (a centre's notes as the official list gives them, the "Français" switch) is marked with
 * `lang="fr"`, as screen readers need anyway, and is skipped. A fragment that is also a word of
 * the demo registry's names, addresses and notes (src/registry/demo-words.ts: "de la Mairie",
 * "le matin uniquement") or of a département's name ("Territoire de Belfort") is data on every page and left out, so the test stays about messages.
 */
export const MIN_LETTERS = 6;

const HOLE = '\u0001';
/** Stands for any argument: a string, a number (NaN), a record of date parts, all at once. */
const hole: unknown = new Proxy(
  {},
  {
    get: (_target, key) => (key === Symbol.toPrimitive ? () => HOLE : HOLE),
  },
);
const VARIANTS: unknown[] = [hole, null, 0, 1, 2, 5, 120, 7200, 200_000];
// biome-ignore lint/suspicious/noControlCharactersInRegex: \u0001 is the stand-in argument the messages are called with
const CUT = /\u0001|NaN|undefined|null|\[object Object\]|\d[\d\u00a0\u202f.,:]*/;

function outputsOf(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'function') {
    const calls: unknown[][] = VARIANTS.flatMap((variant) => [
      Array.from({ length: Math.max(1, value.length) }, () => variant),
      // A flag second (`clock(parts, sameDay)`): both ways.
      [variant, true],
      [variant, false],
    ]);
    for (const args of calls) {
      try {
        outputsOf(value(...args), out);
      } catch {
        // A branch that needs a real value: the other calls cover its words.
      }
    }
  } else if (Array.isArray(value)) for (const item of value) outputsOf(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) outputsOf(item, out);
}

export function normalise(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

function fragmentsOf(messages: unknown): Set<string> {
  const outputs: string[] = [];
  outputsOf(messages, outputs);
  const fragments = new Set<string>();
  for (const output of outputs)
    for (const piece of normalise(output).split(CUT)) {
      // Edges of a cut are punctuation and spaces ("« ", " : "): the words are what matters.
      const words = piece.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      if (words) fragments.add(words);
    }
  return fragments;
}

const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;

/** Département names ("Territoire de Belfort"), shown in menus on every page. */
const DEPARTEMENTS = (
  createRequire(import.meta.url)('@etalab/decoupage-administratif/data/departements.json') as Array<{
    nom: string;
  }>
).map((departement) => departement.nom);
/** The demo registry's own words (centre names, streets, notes) and the départements, one per line. */
const DATA_WORDS = [...Object.values(demoWords).flat().map(String), ...DEPARTEMENTS].join('\n');

function distinctive(mine: unknown, theirs: unknown): string[] {
  const other = [...fragmentsOf(theirs)].join('\n');
  return [...fragmentsOf(mine)]
    .filter(
      (fragment) =>
        letters(fragment) >= MIN_LETTERS && !other.includes(fragment) && !DATA_WORDS.includes(fragment),
    )
    .sort((a, b) => b.length - a.length);
}

/** French fragments an English page must not show, longest first. */
export const FRENCH_ONLY: readonly string[] = distinctive(fr, en);
/** English fragments a French page must not show (the map's controls, a forgotten label). */
export const ENGLISH_ONLY: readonly string[] = distinctive(en, fr);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The fragments of `list` found in `text` as whole runs of words. */
export function foundIn(text: string, list: readonly string[]): string[] {
  const haystack = normalise(text);
  return list.filter((fragment) =>
    new RegExp(`(?<!\\p{L})${escapeRegExp(fragment)}(?!\\p{L})`, 'u').test(haystack),
  );
}

/** The attributes a person reads or hears besides the text. */
export const READ_ATTRIBUTES = ['title', 'aria-label', 'alt', 'placeholder', 'aria-description'];

/**
 * What an HTML page says to a person, outside elements marked `lang="fr"`: the text (scripts and
 * styles left out), the attributes read aloud, the page title and description, submit buttons'
 * values. One string per node, joined by new lines so fragments never span two nodes.
 */
export function readableText(html: string, skipLang = 'fr'): string {
  const $ = cheerio.load(html);
  $('script, style, template').remove();
  $(`body [lang="${skipLang}"], body [lang^="${skipLang}-"]`).remove();
  const parts: string[] = [$('title').text(), $('meta[name="description"]').attr('content') ?? ''];
  $('body *').each((_, element) => {
    const node = $(element);
    for (const attribute of READ_ATTRIBUTES) {
      const value = node.attr(attribute);
      if (value) parts.push(value);
    }
    if (node.is('input[type="submit"], input[type="button"]')) parts.push(node.attr('value') ?? '');
    for (const child of element.children)
      if (child.type === 'text') parts.push((child as unknown as { data: string }).data);
  });
  return parts.map(normalise).filter(Boolean).join('\n');
}

export interface SiteLink {
  /** As written in the page (a form's `action`). */
  href: string;
  url: URL;
  /** The language switch (`hreflang="fr"`): the one link that leaves English. */
  switch: boolean;
  /** A GET form carries the language in a hidden field, not in its `action` (which the browser drops). */
  form: boolean;
  formKeepsLang: boolean;
}

/** Links and GET forms a page holds to its own site, resolved against the page. */
export function siteLinks(html: string, pageUrl: string): SiteLink[] {
  const $ = cheerio.load(html);
  const origin = new URL(pageUrl).origin;
  const links: SiteLink[] = [];
  $('a[href], area[href], link[rel="alternate"][href], form').each((_, element) => {
    const node = $(element);
    const form = element.tagName === 'form';
    if (form && (node.attr('method') ?? 'get').toLowerCase() !== 'get') return;
    const href = (form ? node.attr('action') : node.attr('href')) ?? '';
    if (/^(mailto|tel|geo|sms|javascript):/i.test(href) || href.startsWith('#')) return;
    const url = new URL(href, pageUrl);
    if (url.origin !== origin) return;
    links.push({
      href,
      url,
      switch: node.attr('hreflang') === 'fr',
      form,
      formKeepsLang: form && node.find('input[name="lang"][value="en"]').length > 0,
    });
  });
  return links;
}
