import { fr } from '../i18n/fr.ts';
import { type Centre, WEEKDAYS, type Weekday } from '../registry/centre.ts';
import { displayPhone } from '../registry/import/phone.ts';

const kmFormats = new Map<string, Intl.NumberFormat>();

/**
 * "à 850 m", "à 2,3 km" in French (the default); with another locale, the bare distance
 * ("2.3 km") for the caller's own words around it. `approximate` (French only): see `distanceText`.
 */
export function formatDistance(
  km: number | null,
  locale?: string,
  options: { approximate?: boolean } = {},
): string | null {
  if (km === null) return null;
  // French exports and sheets (no locale): the honest-distance rule of `distanceText`.
  if (options.approximate && locale === undefined) return distanceText(km, true, fr);
  const tag = locale ?? 'fr-FR';
  let format = kmFormats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
    kmFormats.set(tag, format);
  }
  const bare = km < 1 ? `${Math.round(km * 1000)} m` : `${format.format(km)} km`;
  return locale === undefined ? `à ${bare}` : bare;
}

/** Under it, a distance from an estimated position is not given: "à moins de 5 km". */
export const APPROXIMATE_UNDER_KM = 5;

export interface DistanceWords {
  intl: string;
  card: { distance(km: string): string };
  searchHelp: { distanceAbout(km: string): string; distanceUnder(km: string): string; approximate: string };
}

/**
 * Issue 15, point 3 — honest distances. A distance in the page's words: "à 2,3 km"; from a position
 * that is only estimated (`approximate`, a commune no source places), never an exact figure under
 * 5 km and a whole number of km above, always said: "à moins de 5 km (distance approximative)",
 * "à environ 12 km (distance approximative)". Pages, sheets, widgets and exports use this one rule.
 */
export function distanceText(km: number | null, approximate: boolean, t: DistanceWords): string | null {
  if (km === null) return null;
  const { kind, figure } = honestDistance(km, approximate, t.intl);
  if (kind === 'exact') return t.card.distance(figure);
  const phrase = kind === 'under' ? t.searchHelp.distanceUnder(figure) : t.searchHelp.distanceAbout(figure);
  return `${phrase} (${t.searchHelp.approximate})`;
}

/**
 * The figure an honest distance gives, for the caller's own words: the distance itself, or from an
 * estimated position the bound under 5 km ("under") or the whole number of km ("about").
 */
export function honestDistance(
  km: number,
  approximate: boolean,
  locale: string,
): { kind: 'exact' | 'under' | 'about'; figure: string } {
  if (!approximate) return { kind: 'exact', figure: formatDistance(km, locale) ?? '' };
  return km < APPROXIMATE_UNDER_KM
    ? { kind: 'under', figure: formatDistance(APPROXIMATE_UNDER_KM, locale) ?? '' }
    : { kind: 'about', figure: formatDistance(Math.round(km), locale) ?? '' };
}

/** Opening hours in weekday order, as the source wrote them; day names from the page's messages (`t.weekdays`). */
export function openingHours(
  centre: Pick<Centre, 'opening_hours'>,
  labels: Record<Weekday, string>,
): Array<{ day: string; hours: string }> {
  return WEEKDAYS.flatMap((day) => {
    const hours = centre.opening_hours[day];
    return hours ? [{ day: labels[day], hours }] : [];
  });
}

/** A phone number as people read it in France: "02 99 00 00 00"; `href` for `tel:` links. */
export function phoneDisplay(phone: string): { label: string; href: string } {
  const digits = phone.replace(/[^\d+]/g, '');
  const national = digits.startsWith('+33') ? `0${digits.slice(3)}` : digits;
  // Overseas numbers (`+590590862931`) and short ones (`3975`) in French grouping too (import/phone.ts).
  const label = /^0\d{9}$/.test(national) ? national.replace(/(\d{2})(?=\d)/g, '$1 ') : displayPhone(digits);
  const href = /^0\d{9}$/.test(national) ? `tel:+33${national.slice(1)}` : `tel:${digits}`;
  return { label, href };
}

/** The French labels of the booking platforms (the manifest's brands), for exports written in French. */
export const PLATFORM_LABELS: Readonly<Record<Centre['booking']['platform'], string>> = fr.platforms;

export function communeLine(centre: Pick<Centre, 'address' | 'commune'>): string {
  return [centre.address.postcode, centre.commune.name].filter(Boolean).join(' ');
}
