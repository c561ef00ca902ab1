import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { publicAvailability } from '../../../src/availability/public-availability.ts';
import { boardCsv } from '../../../src/board/board-csv.ts';
import { boardDays, boardRow } from '../../../src/board/board-rows.ts';
import { en } from '../../../src/i18n/en.ts';
import { fr } from '../../../src/i18n/fr.ts';
import { centre, NOW, withSlots } from './board-fixtures.ts';

const days = boardDays(NOW, 'Europe/Paris');
const rows = [
  boardRow(
    {
      centre: centre('a', { name: '=HYPERLINK("http://evil")', commune: { insee: '75102', name: 'Paris' } }),
      distance_km: 2.345,
      availability: publicAvailability(withSlots('a', { '2021-05-11': 3, '2021-05-13': 2 }), NOW),
    },
    days,
  ),
  boardRow(
    {
      centre: centre('b', { phones: [] }),
      distance_km: null,
      availability: publicAvailability(undefined, NOW),
    },
    days,
  ),
];

function read(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text.slice(1), { delimiter: ';', relax_column_count: false }) as string[][];
}

describe('the board’s CSV', () => {
  it('has one column per day and the same rows as the board', () => {
    const [header, first, second] = read(boardCsv(rows, days, fr, 'Europe/Paris'));
    expect(header?.slice(0, 6)).toEqual([
      'centre',
      'commune',
      'distance km',
      'téléphone',
      'plateforme',
      'état',
    ]);
    expect(header?.slice(6, 20)).toEqual(days);
    expect(header?.slice(20)).toEqual(['créneaux', 'prochain créneau', 'vérifié il y a (s)']);
    expect(first?.slice(1, 6)).toEqual(['Paris', '2,3', '01 99 00 00 01', 'Doctolib', 'créneaux']);
    expect(first?.slice(6, 9)).toEqual(['3', '0', '2']);
    expect(first?.slice(20)).toEqual(['5', '11/05/2021 14:30 +02:00', '60']);
    // Unknown is an empty cell, never 0, and the state says why.
    expect(second?.[5]).toBe('non vérifié');
    expect(second?.slice(6, 21)).toEqual(Array(15).fill(''));
  });

  it('defuses a name a spreadsheet would run as a formula', () => {
    const [, first] = read(boardCsv(rows, days, fr, 'Europe/Paris'));
    expect(first?.[0]).toBe('\'=HYPERLINK("http://evil")');
  });

  it('speaks English with ?lang=en', () => {
    const [header, , second] = read(boardCsv(rows, days, en, 'Europe/Paris'));
    expect(header?.slice(0, 6)).toEqual(['centre', 'town', 'distance km', 'phone', 'platform', 'state']);
    expect(second?.[5]).toBe('not checked');
  });
});
