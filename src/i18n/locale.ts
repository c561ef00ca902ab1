import { en } from './en.ts';
import { fr, type Messages } from './fr.ts';

/** The site's languages; French unless the URL says `?lang=en` (no cookie: the URL is shareable). */
export type Locale = 'fr' | 'en';
export type { Messages };

export function localeOf(url: URL | URLSearchParams): Locale {
  const params = url instanceof URL ? url.searchParams : url;
  return params.get('lang') === 'en' ? 'en' : 'fr';
}

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
  return localHref(`${url.pathname}${url.search}`, locale === 'en' ? 'fr' : 'en');
}
