import { phoneDisplay } from '../format/format.ts';
import { type BookingPlatform, booksByPhoneOnly } from '../registry/centre.ts';
import type { RankedHit } from '../search/availability-filters.ts';
import { DAY_MS, localDate } from '../shared/time.ts';
import { type BoardAvailability, boardAvailability } from './board-availability.ts';
import type { SortKeys } from './board-sort.ts';

/** How many day columns the board shows: two weeks, today first. */
export const BOARD_DAYS = 14;

/** One dense line of the board: a centre, its phone, and its next two weeks. */
export interface BoardRow extends BoardAvailability {
  id: string;
  name: string;
  commune: string | null;
  distanceKm: number | null;
  /** The first number, as read aloud and as a `tel:` link. */
  phone: { label: string; href: string } | null;
  platform: BookingPlatform;
  /** Booked by phone only (no platform, or the platform says so). */
  phoneOnly: boolean;
  keys: SortKeys;
}

/** The board's dates (YYYY-MM-DD), from today in the place's time zone. */
export function boardDays(now: Date, timeZone: string, count = BOARD_DAYS): string[] {
  const today = localDate(now.getTime(), timeZone);
  const start = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
}

export function boardRow(hit: RankedHit, days: readonly string[]): BoardRow {
  const { centre, availability } = hit;
  const shown = boardAvailability(availability, days);
  const firstPhone = centre.phones[0];
  const row = {
    ...shown,
    id: centre.id,
    name: centre.name,
    commune: centre.commune.name,
    distanceKm: hit.distance_km,
    phone: firstPhone ? phoneDisplay(firstPhone) : null,
    platform: centre.booking.platform,
    phoneOnly: booksByPhoneOnly(centre) || shown.state === 'phone',
  };
  return {
    ...row,
    keys: {
      centre: row.name,
      commune: row.commune,
      creneaux: row.total,
      prochain: row.nextSlot ? Date.parse(row.nextSlot) : null,
      plateforme: row.platform,
      fraicheur: row.ageS,
      distance: row.distanceKm === null ? null : Math.round(row.distanceKm * 100) / 100,
    },
  };
}
