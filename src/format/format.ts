import { fr } from '../i18n/fr.ts';
import { type Centre, WEEKDAYS, type Weekday } from '../registry/centre.ts';
import { displayPhone } from '../registry/import/phone.ts';

const kmFormats = new Map<string, Intl.NumberFormat>();

/**
 * "à 850 m", "à 2,3 km" in French (the default); with another locale, the bare distance
 * ("2.3 km") for the caller's own words around it.
 */
export function formatDistance(km: number | null, locale?: string): string | null {
  if (km === null) return null;
  const tag = locale ?? 'fr-FR';
  let format = kmFormats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
    kmFormats.set(tag, format);
  }
  const bare = km < 1 ? `${Math.round(km * 1000)} m` : `${format.format(km)} km`;
  return locale === undefined ? `à ${bare}` : bare;
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
