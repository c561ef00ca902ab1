import { toZonedIso } from '../shared/time.ts';

function offsetMs(instantMs: number, zone: string): number {
  return Date.parse(`${toZonedIso(instantMs, zone).slice(0, 19)}Z`) - instantMs;
}

/** The instant a local day (`YYYY-MM-DD`) begins in `zone`; twice round so a DST change that day is right. */
export function zonedDayStartMs(day: string, zone: string): number {
  const asUtc = Date.parse(`${day}T00:00:00Z`);
  const guess = asUtc - offsetMs(asUtc, zone);
  return asUtc - offsetMs(guess, zone);
}

/** The day after `day`, as `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
