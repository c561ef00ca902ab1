/**
 * The one time module: instants are epoch milliseconds (UTC), zones are IANA names, and every
 * timestamp written out carries its offset (SMART Scheduling Links asks for it). Which zone a
 * centre is in is domain knowledge and lives in `geo/time-zone.ts`.
 *
 * The zone is always the last argument. Calendar helpers count days as day numbers (days since
 * 1970-01-01, read as a local date): `zonedInstant(day, minuteOfDay, zone)` is the instant of a
 * wall-clock time in a zone, `localDay(instantMs, zone)` the local day of an instant.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One `Intl.DateTimeFormat` per locale and options for the life of the process: building one costs
 * far more than formatting with it, and a page of 200 cards formats hundreds of dates.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** `18 janvier à 09:05` in fr-FR: day, month and a 24-hour time (add the zone). */
export const DAY_AND_TIME = {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
} as const satisfies Intl.DateTimeFormatOptions;

/** `18 janvier 2021 à 09:05` in fr-FR: `DAY_AND_TIME` with the year. */
export const DATE_TIME = { ...DAY_AND_TIME, year: 'numeric' } as const satisfies Intl.DateTimeFormatOptions;

/** `lundi 18 janvier 2021 à 09:05`: `DATE_TIME` with the weekday. */
export const WEEKDAY_DATE_TIME = {
  weekday: 'long',
  ...DATE_TIME,
} as const satisfies Intl.DateTimeFormatOptions;

/** The named parts (`weekday`, `day`, `hour`…) of an instant formatted with `dateTimeFormat`. */
export function dateTimeParts(
  instant: number | Date,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of dateTimeFormat(locale, options).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = part.value;
  }
  return parts;
}

const WALL_CLOCK: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
};

/**
 * The last offset worked out per zone, for its quarter of an hour (UTC): zones change offset on a
 * quarter hour, so the offset is the same through one. `Intl` costs ~20 µs a call, and the poller
 * asks each centre's local date at every wake (100,000 centres: 2 s a wake without this).
 */
const QUARTER_MS = 15 * MINUTE_MS;
const lastOffsets = new Map<string, { quarter: number; minutes: number }>();

/** Minutes to add to UTC to get the zone's wall clock at that instant (+120 for Paris in summer). */
export function offsetMinutes(epochMs: number, zone: string): number {
  const quarter = Math.floor(epochMs / QUARTER_MS);
  const last = lastOffsets.get(zone);
  if (last?.quarter === quarter) return last.minutes;
  const minutes = computeOffsetMinutes(epochMs, zone);
  lastOffsets.set(zone, { quarter, minutes });
  return minutes;
}

function computeOffsetMinutes(epochMs: number, zone: string): number {
  const parts = dateTimeParts(epochMs, 'en-US', { ...WALL_CLOCK, timeZone: zone });
  const wall = Date.UTC(
    Number(parts.year ?? 1970),
    Number(parts.month ?? 1) - 1,
    Number(parts.day ?? 1),
    Number(parts.hour ?? 0),
    Number(parts.minute ?? 0),
    Number(parts.second ?? 0),
  );
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / MINUTE_MS);
}

/** `+02:00` for 120 minutes east of UTC. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * ISO 8601 on the zone's wall clock with its offset, e.g. `2021-04-21T10:00:00+02:00`;
 * `milliseconds` for the providers that write them (`…T10:00:00.000+02:00`).
 */
export function toZonedIso(
  instantMs: number,
  zone: string,
  options: { milliseconds?: boolean } = {},
): string {
  const offset = offsetMinutes(instantMs, zone);
  const wall = new Date(instantMs + offset * MINUTE_MS)
    .toISOString()
    .slice(0, options.milliseconds ? 23 : 19);
  return `${wall}${offsetText(offset)}`;
}

/** `toZonedIso` with milliseconds: the providers' wire form the simulator writes. */
export function isoWithOffset(epochMs: number, zone: string): string {
  return toZonedIso(epochMs, zone, { milliseconds: true });
}

/** `YYYY-MM-DD` of an instant as seen in `zone`. */
export function localDate(instantMs: number, zone: string): string {
  return dayToDate(localDay(instantMs, zone));
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

/** The instant of a wall-clock time in a zone; `day` counts days since 1970-01-01 (a local date). */
export function zonedInstant(day: number, minuteOfDay: number, zone: string): number {
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  const first = wall - offsetMinutes(wall, zone) * MINUTE_MS;
  // A second pass settles instants near a DST change, where the first guess used the other offset.
  return wall - offsetMinutes(first, zone) * MINUTE_MS;
}

/** The local date of an instant, as days since 1970-01-01. */
export function localDay(epochMs: number, zone: string): number {
  return Math.floor((epochMs + offsetMinutes(epochMs, zone) * MINUTE_MS) / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` date; null when it is not one. */
export function dateToDay(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / DAY_MS);
}

/** ISO weekday of a day number: 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: number): number {
  return (day + 3) % 7;
}

/** The instant a local day (`YYYY-MM-DD`) begins in `zone`, DST days included. */
export function zonedDayStartMs(date: string, zone: string): number {
  const day = dateToDay(date);
  if (day === null) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return zonedInstant(day, 0, zone);
}

/** The day after `date`, as `YYYY-MM-DD`. */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
