import { describe, expect, it } from 'vitest';
import { publicAvailability } from '../../../src/availability/public-availability.ts';
import { boardAvailability } from '../../../src/board/board-availability.ts';
import { BOARD_DAYS, boardDays, boardRow } from '../../../src/board/board-rows.ts';
import { boardRowText } from '../../../src/board/board-text.ts';
import { en } from '../../../src/i18n/en.ts';
import { fr } from '../../../src/i18n/fr.ts';
import { centre, checked, NOW, noSlots, withSlots } from './board-fixtures.ts';

const days = boardDays(NOW, 'Europe/Paris');
const shown = (state: Parameters<typeof publicAvailability>[0]) =>
  boardAvailability(publicAvailability(state, NOW), days);

describe('board days', () => {
  it('are the 14 days from today in the place’s zone', () => {
    expect(days).toHaveLength(BOARD_DAYS);
    expect(days[0]).toBe('2021-05-11');
    expect(days.at(-1)).toBe('2021-05-24');
    // 22:30 UTC on the 10th is already the 11th in La Réunion (UTC+4), still the 10th in Paris.
    const late = new Date('2021-05-10T22:30:00Z');
    expect(boardDays(late, 'Indian/Reunion')[0]).toBe('2021-05-11');
    expect(boardDays(late, 'Europe/Paris')[0]).toBe('2021-05-11');
    expect(boardDays(new Date('2021-05-10T21:30:00Z'), 'Europe/Paris')[0]).toBe('2021-05-10');
  });
});

describe('a centre’s row', () => {
  it('counts each day’s slots, 0 for a checked day without any', () => {
    const row = shown(withSlots('a', { '2021-05-11': 3, '2021-05-13': 5 }));
    expect(row.state).toBe('slots');
    expect(row.days.slice(0, 4)).toEqual([3, 0, 5, 0]);
    expect(row.total).toBe(8);
    expect(row.hasSlots).toBe(true);
    expect(row.nextSlot).toBe('2021-05-11T14:30:00+02:00');
  });

  it('never shows an unknown count as 0: never checked, failed, or past the provider’s horizon', () => {
    const never = shown(undefined);
    expect(never.state).toBe('unknown');
    expect(never.days.every((day) => day === null)).toBe(true);
    expect(never.total).toBeNull();
    expect(never.ageS).toBeNull();

    const failed = shown(
      checked('b', {
        status: 'unknown',
        error: { kind: 'timeout', message: 'timeout' },
        slot_count: 0,
        per_day: {},
      }),
    );
    expect(failed.state).toBe('unknown');
    expect(failed.days.every((day) => day === null)).toBe(true);

    const shortHorizon = shown(noSlots('c', 7));
    expect(shortHorizon.days.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(shortHorizon.days.slice(7)).toEqual([null, null, null, null, null, null, null]);
  });

  it('marks old information as stale and keeps its counts, to be confirmed', () => {
    const old = shown(withSlots('d', { '2021-05-12': 2 }, 10));
    expect(old.state).toBe('stale');
    expect(old.stale).toBe(true);
    expect(old.days[1]).toBe(2);
  });

  it('has no counts for a phone-only centre and says it books by phone', () => {
    const state = checked('e', { status: 'phone_only', slot_count: 0, per_day: {}, next_slot: null });
    const row = boardRow(
      {
        centre: centre('e', { booking: { url: null, platform: 'none' } }),
        distance_km: null,
        availability: publicAvailability(state, NOW),
      },
      days,
    );
    expect(row.state).toBe('phone');
    expect(row.phoneOnly).toBe(true);
    expect(row.days.every((day) => day === null)).toBe(true);
    expect(row.phone).toEqual({ label: '01 99 00 00 01', href: 'tel:+33199000001' });
  });

  it('is written "?" where unknown, with the age of the information, in French and English', () => {
    const unknown = boardRow(
      { centre: centre('f'), distance_km: 2.345, availability: publicAvailability(undefined, NOW) },
      days,
    );
    const frText = boardRowText(unknown, fr, 'Europe/Paris');
    expect(frText.days).toEqual(Array(14).fill('?'));
    expect(frText.total).toBe('?');
    expect(frText.freshness).toBe('non vérifié');
    expect(boardRowText(unknown, en, 'Europe/Paris').freshness).toBe('not checked');

    const stale = boardRow(
      {
        centre: centre('g'),
        distance_km: null,
        availability: publicAvailability(withSlots('g', { '2021-05-11': 1200 }, 10), NOW),
      },
      days,
    );
    const text = boardRowText(stale, fr, 'Europe/Paris');
    expect(text.days[0]).toBe('1\u202f200');
    expect(text.freshness).toBe('il y a 10 min, à confirmer');
    expect(text.next).toBe('mar. 11, 14 h 30');
    expect(boardRowText(stale, en, 'Europe/Paris').next).toBe('Tue 11, 14:30');
    expect(text.keys).toMatchObject({ centre: 'Centre g', creneaux: 1200, fraicheur: 600 });
  });
});
