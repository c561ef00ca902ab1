import { z } from 'zod';
import { DAY_MS, parseInstant } from '../shared/time.ts';

/** A provider timestamp that must carry an offset; parsed leniently (see `parseInstant`). */
export const ProviderInstant = z
  .string()
  .refine((text) => parseInstant(text) !== null, 'not a timestamp with offset');

/** Epoch ms of a timestamp already validated by `ProviderInstant`. */
export function instantMs(text: string): number {
  return parseInstant(text) ?? Number.NaN;
}

/** `YYYY-MM-DD` + n days, calendar arithmetic (no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
