import { describe, expect, it } from 'vitest';
import {
  dateTimeFormat,
  localDate,
  nextDay,
  offsetMinutes,
  toZonedIso,
  zonedDayStartMs,
} from '../../../src/shared/time.ts';

describe('shared time', () => {
  it('writes an instant on the zone’s wall clock with its offset, with milliseconds when asked', () => {
    const at = Date.parse('2021-04-21T08:00:00.250Z');
    expect(toZonedIso(at, 'Europe/Paris')).toBe('2021-04-21T10:00:00+02:00');
    expect(toZonedIso(at, 'Europe/Paris', { milliseconds: true })).toBe('2021-04-21T10:00:00.250+02:00');
    expect(toZonedIso(at, 'America/Cayenne')).toBe('2021-04-21T05:00:00-03:00');
  });

  it('gives the local day of an instant, which is not the UTC day near midnight', () => {
    const lateInParis = Date.parse('2021-05-03T22:30:00Z');
    expect(localDate(lateInParis, 'Europe/Paris')).toBe('2021-05-04');
    expect(localDate(lateInParis, 'America/Martinique')).toBe('2021-05-03');
  });

  it('starts a local day at its local midnight, DST days included', () => {
    // 28 March 2021: Paris moves from +01:00 to +02:00 at 02:00, so the day is 23 hours long.
    const start = zonedDayStartMs('2021-03-28', 'Europe/Paris');
    expect(new Date(start).toISOString()).toBe('2021-03-27T23:00:00.000Z');
    const end = zonedDayStartMs(nextDay('2021-03-28'), 'Europe/Paris');
    expect((end - start) / 3_600_000).toBe(23);
    expect(offsetMinutes(end, 'Europe/Paris')).toBe(120);
  });

  it('builds each formatter once for a locale and options', () => {
    const options = { timeZone: 'Europe/Paris', dateStyle: 'short' } as const;
    expect(dateTimeFormat('fr-FR', options)).toBe(dateTimeFormat('fr-FR', { ...options }));
    expect(dateTimeFormat('fr-FR', options)).not.toBe(dateTimeFormat('en-GB', options));
  });
});
