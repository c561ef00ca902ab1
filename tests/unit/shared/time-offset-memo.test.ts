import { describe, expect, it } from 'vitest';
import { MINUTE_MS, offsetMinutes } from '../../../src/shared/time.ts';

/** The offset straight from Intl, with no memo: what offsetMinutes must always answer. */
function intlOffset(epochMs: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(epochMs)
      .map((p) => [p.type, p.value]),
  );
  const n = (type: string) => Number(parts[type] ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / MINUTE_MS);
}

describe('offsetMinutes, remembered per zone for a quarter of an hour', () => {
  it('changes at the very minute of a DST change, in either direction, whatever was asked before', () => {
    for (const change of [Date.UTC(2021, 2, 28, 1), Date.UTC(2021, 9, 31, 1)]) {
      for (let ms = change - 20 * MINUTE_MS; ms <= change + 20 * MINUTE_MS; ms += 30_000) {
        // Asked twice in a row (the memo's hit) and after another zone (its miss).
        expect(offsetMinutes(ms, 'Europe/Paris'), new Date(ms).toISOString()).toBe(
          intlOffset(ms, 'Europe/Paris'),
        );
        expect(offsetMinutes(ms, 'Europe/Paris')).toBe(intlOffset(ms, 'Europe/Paris'));
        expect(offsetMinutes(ms, 'Indian/Reunion')).toBe(240);
      }
    }
    expect(offsetMinutes(Date.UTC(2021, 2, 28, 0, 59, 59), 'Europe/Paris')).toBe(60);
    expect(offsetMinutes(Date.UTC(2021, 2, 28, 1), 'Europe/Paris')).toBe(120);
  });

  it('gives each zone its own offset at the same instant', () => {
    const at = Date.UTC(2021, 5, 1, 12);
    for (const zone of [
      'Europe/Paris',
      'America/Guadeloupe',
      'Indian/Reunion',
      'Pacific/Noumea',
      'America/Cayenne',
    ])
      expect(offsetMinutes(at, zone), zone).toBe(intlOffset(at, zone));
  });
});
