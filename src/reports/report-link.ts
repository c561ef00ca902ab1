import { type Locale, localHref } from '../i18n/locale.ts';

/** The "Signaler une erreur" form of a centre (src/pages/signaler/[id].astro), in the page's language. */
export function reportHref(centreId: string, locale: Locale): string {
  return localHref(`/signaler/${encodeURIComponent(centreId)}`, locale);
}
