export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  return format;
}

/** Minutes to add to UTC to get the zone's wall clock at that instant (+120 for Paris in summer). */
export function offsetMinutes(zone: string, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatFor(zone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / MINUTE_MS);
}

/** The instant of a wall-clock time in a zone; `day` counts days since 1970-01-01 (a local date). */
export function zonedInstant(zone: string, day: number, minuteOfDay: number): number {
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  const first = wall - offsetMinutes(zone, wall) * MINUTE_MS;
  // A second pass settles instants near a DST change, where the first guess used the other offset.
  return wall - offsetMinutes(zone, first) * MINUTE_MS;
}

/** The local date of an instant, as days since 1970-01-01. */
export function localDay(zone: string, epochMs: number): number {
  return Math.floor((epochMs + offsetMinutes(zone, epochMs) * MINUTE_MS) / DAY_MS);
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

/** `2021-04-10T21:45:00.000+02:00`: the instant written on the zone's wall clock, with its offset. */
export function isoWithOffset(zone: string, epochMs: number): string {
  const offset = offsetMinutes(zone, epochMs);
  const wall = new Date(epochMs + offset * MINUTE_MS).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** ISO weekday of a day number: 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: number): number {
  return (day + 3) % 7;
}
