import { bookingLink } from '../api/centre-json.ts';
import type { PublicAvailability } from '../availability/public-availability.ts';
import { availabilityText } from '../format/availability-text.ts';
import { distanceText, PLATFORM_LABELS, phoneDisplay } from '../format/format.ts';
import { timeZoneOf } from '../geo/time-zone.ts';
import { fr } from '../i18n/fr.ts';
import type { Centre } from '../registry/centre.ts';
import { csvDocument } from '../shared/csv.ts';
import { dateTimeFormat, offsetMinutes, offsetText } from '../shared/time.ts';

export const CENTRES_CSV_HEADER = [
  'nom',
  'adresse',
  'code postal',
  'commune',
  'téléphone',
  'distance km',
  'plateforme',
  'lien de réservation',
  'disponibilité',
  'créneaux',
  'prochain créneau',
  'vérifié le',
  'remarques',
] as const;

export interface CsvCentre {
  centre: Centre;
  /** `distance_km` of a search hit, `distanceKm` of a sheet entry. */
  distance: number | null;
  availability: PublicAvailability;
}

// fr-FR spreadsheets read "2,3" as a number and "2.3" as text or a date: a decimal comma, no grouping.
const kmFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, useGrouping: false });

/**
 * "19/01/2021 14:30 +01:00": the centre's own wall clock, in the form fr-FR spreadsheets read, and its
 * UTC offset, so that a reader in another zone (overseas, abroad) never mistakes the hour.
 */
export function spreadsheetDateTime(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  const format = dateTimeFormat('fr-FR', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${format.format(ms).replace(',', '')} ${offsetText(offsetMinutes(ms, timeZone))}`;
}

function platformCell(centre: Centre): string {
  if (centre.booking.platform !== 'none') return PLATFORM_LABELS[centre.booking.platform];
  return centre.phones.length > 0 ? 'téléphone uniquement' : 'aucune';
}

/** The headline, and what a reader must know of the information's age (a failing platform, expiry). */
function availabilityCell(availability: PublicAvailability, timeZone: string): string {
  const text = availabilityText(availability, timeZone);
  const warn = availability.error !== null || availability.freshness !== 'fresh';
  return warn && text.freshness ? `${text.headline} · ${text.freshness}` : text.headline;
}

/**
 * One row per centre. Slot counts are only given when known (src/availability/knowledge.ts): an
 * unknown or expired count is an empty cell, never 0 ("disponibilité" says why in words). Phones are written "02 99 00 00 00" so
 * that spreadsheets keep them as text (with the leading zero).
 */
export function centresCsv(
  rows: readonly CsvCentre[],
  origin: string,
  options: { approximate?: boolean } = {},
): string {
  // From an estimated position a figure would lie: the words say how far, roughly (issue 15, point 3).
  const distanceCell = (km: number) =>
    options.approximate ? distanceText(km, true, fr) : kmFormat.format(km);
  return csvDocument(
    CENTRES_CSV_HEADER,
    rows.map(({ centre, distance, availability }) => {
      const timeZone = timeZoneOf(centre);
      const known = availability.slot_count !== null;
      return [
        centre.name,
        centre.address.lines.join(', '),
        centre.address.postcode,
        centre.commune.name,
        centre.phones.map((phone) => phoneDisplay(phone).label).join(' / ') || null,
        distance === null ? null : distanceCell(distance),
        platformCell(centre),
        centre.booking.url ? `${origin}${bookingLink(centre)}` : null,
        availabilityCell(availability, timeZone),
        known ? availability.slot_count : null,
        known ? spreadsheetDateTime(availability.next_slot, timeZone) : null,
        spreadsheetDateTime(availability.valid_at, timeZone),
        [centre.health_professionals_only ? 'Réservé aux professionnels de santé' : null, centre.notes]
          .filter((note, index, all) => note !== null && all.indexOf(note) === index)
          .join(' · ') || null,
      ];
    }),
  );
}
