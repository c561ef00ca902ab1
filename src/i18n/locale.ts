import { en } from './en.ts';
import { fr, type Messages } from './fr.ts';

/** The site's languages; French unless the URL says `?lang=en` (no cookie: the URL is shareable). */
export type Locale = 'fr' | 'en';
export type { Messages };

export function localeOf(url: URL | URLSearchParams): Locale {
  if (url instanceof URL && isEnglishTwin(url.pathname)) return 'en';
  const params = url instanceof URL ? url.searchParams : url;
  return params.get('lang') === 'en' ? 'en' : 'fr';
}

/**
 * A prerendered page's English twin is built at `/en/<path>` (it cannot read a query string at
 * build); the server answers `/<path>?lang=en` with it (src/server/static-assets.ts). Nobody links
 * to `/en/…`: every link in the twin is written with `?lang=en`, as on any page.
 */
export const EN_TWIN_PREFIX = '/en';
const isEnglishTwin = (pathname: string) =>
  pathname === EN_TWIN_PREFIX || pathname.startsWith(`${EN_TWIN_PREFIX}/`);
/** The public path of a page: an English twin's without its `/en` prefix. */
export const publicPathOf = (pathname: string): string =>
  isEnglishTwin(pathname) ? pathname.slice(EN_TWIN_PREFIX.length) || '/' : pathname;

export function messagesFor(locale: Locale): Messages {
  return locale === 'en' ? en : fr;
}

/** A site link in the given language: `?lang=en` added for English, removed for French. */
export function localHref(href: string, locale: Locale): string {
  const url = new URL(href, 'http://x');
  if (locale === 'en') url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The same page in the other language, for the visible switch. */
export function otherLanguageHref(url: URL, locale: Locale): string {
  return localHref(`${publicPathOf(url.pathname)}${url.search}`, locale === 'en' ? 'fr' : 'en');
}
