export { DEFAULT_TIME_ZONE, timeZoneOf } from '../geo/time-zone.ts';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, ...options });
    cache.set(zone, format);
  }
  return format;
}

/** `YYYY-MM-DD` of an instant as seen in `zone`. */
export function localDate(instantMs: number, zone: string): string {
  const parts = cached(dateFormats, zone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instantMs);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2021-04-21T10:00:00+02:00`. */
export function toZonedIso(instantMs: number, zone: string): string {
  const offsetName =
    cached(offsetFormats, zone, { timeZoneName: 'longOffset' })
      .formatToParts(instantMs)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = offsetName === 'GMT' ? '+00:00' : offsetName.slice(3);
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours = '0', minutes = '0'] = offset.slice(1).split(':');
  const offsetMs = sign * (Number(hours) * 60 + Number(minutes)) * 60_000;
  return `${new Date(instantMs + offsetMs).toISOString().slice(0, 19)}${offset}`;
}

/**
 * Parses a provider timestamp to epoch milliseconds, leniently: the SMART spec's own examples
 * write offsets as `-05` and some providers drop the seconds. Null when it is not a timestamp,
 * or when it has no offset at all (a local time cannot be placed without guessing).
 */
export function parseInstant(text: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i.exec(
    text.trim(),
  );
  if (!match) return null;
  const [, date, hm, seconds = ':00', zone = 'Z'] = match;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : normaliseOffset(zone);
  const ms = Date.parse(`${date}T${hm}${seconds}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}

function normaliseOffset(zone: string): string {
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

export const DAY_MS = 86_400_000;
