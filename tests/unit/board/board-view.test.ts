import { describe, expect, it } from 'vitest';
import { boardParams, boardQuery } from '../../../src/board/board-query.ts';
import { sortRows } from '../../../src/board/board-sort.ts';
import { boardView } from '../../../src/board/board-view.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { createCentreIndex } from '../../../src/registry/centre-index.ts';
import { centre, checked, NOW, noSlots, withSlots } from './board-fixtures.ts';

const centres = [
  centre('alpha', { name: 'Alpha' }),
  centre('bravo', {
    name: 'Bravo',
    booking: { url: 'https://www.maiia.com/centre?centerId=1', platform: 'maiia' },
  }),
  centre('charlie', { name: 'Charlie' }),
  centre('delta', { name: 'Delta', booking: { url: null, platform: 'none' } }),
  centre('echo', { name: 'Écho' }),
  centre('rennes', {
    name: 'Rennes',
    departement: '35',
    location: { lat: 48.11, lon: -1.68, precision: 'address' },
  }),
];
const states = new Map<string, CentreState>([
  ['alpha', withSlots('alpha', { '2021-05-12': 4 })],
  ['bravo', withSlots('bravo', { '2021-05-11': 1, '2021-05-20': 9 })],
  ['charlie', noSlots('charlie')],
  ['delta', checked('delta', { status: 'phone_only', slot_count: 0, per_day: {}, next_slot: null })],
  // echo: never checked
  ['rennes', withSlots('rennes', { '2021-05-11': 50 })],
]);
const app = {
  gazetteer: getGazetteer(),
  centres: createCentreIndex(centres),
  availability: { state: (id: string) => states.get(id) },
  now: () => NOW,
} as unknown as Parameters<typeof boardView>[0];

function board(query: string) {
  const parsed = boardQuery(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.message);
  const view = boardView(app, { by: 'departement', code: '75' }, parsed.options);
  if (!view) throw new Error('no board');
  return view;
}
const ids = (query: string) => board(query).rows.map((row) => row.id);

describe('the board’s query', () => {
  it('refuses a bad value, saying which parameter', () => {
    expect(boardQuery(new URLSearchParams('tri=taille'))).toMatchObject({
      ok: false,
      message: /^tri: expected one of/,
    });
    expect(boardQuery(new URLSearchParams('dose=3'))).toMatchObject({ ok: false, message: /^dose:/ });
    expect(boardQuery(new URLSearchParams('rayon=500'))).toMatchObject({ ok: false, message: /^rayon:/ });
  });

  it('ignores unknown parameters and empty values (an unset select), and writes defaults back out', () => {
    const parsed = boardQuery(new URLSearchParams('utm_source=sms&plateforme=&dose=&dispo=1'));
    expect(parsed).toMatchObject({ ok: true, options: { slotsOnly: true, platform: null, dose: null } });
    if (!parsed.ok) return;
    expect(boardParams(parsed.options, false).toString()).toBe('dispo=1');
    expect(
      boardParams(
        { ...parsed.options, sort: 'centre', direction: 'desc', dose: 'booster' },
        false,
      ).toString(),
    ).toBe('tri=centre&ordre=desc&dispo=1&dose=rappel');
  });
});

describe('sorting the board', () => {
  it('puts the most slots first by default, unknown counts last (never as 0)', () => {
    expect(ids('')).toEqual(['bravo', 'alpha', 'charlie', 'delta', 'echo']);
  });

  it('sorts by name with French collation, either way', () => {
    expect(ids('tri=centre')).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    expect(ids('tri=centre&ordre=desc')).toEqual(['echo', 'delta', 'charlie', 'bravo', 'alpha']);
  });

  it('sorts by next slot and by freshness with the unknown last in both directions', () => {
    expect(ids('tri=prochain')).toEqual(['bravo', 'alpha', 'charlie', 'delta', 'echo']);
    expect(ids('tri=prochain&ordre=desc').slice(0, 2)).toEqual(['alpha', 'bravo']);
    expect(ids('tri=prochain&ordre=desc').at(-1)).toBe('echo');
    expect(ids('tri=fraicheur').at(-1)).toBe('echo');
    expect(ids('tri=fraicheur&ordre=desc').at(-1)).toBe('echo');
  });

  it('is the same rule on plain keys (what the island sorts with)', () => {
    const rows = board('').rows;
    expect(sortRows(rows, 'centre', 'desc').map((row) => row.id)).toEqual(ids('tri=centre&ordre=desc'));
  });
});

describe('filtering the board', () => {
  it('keeps only centres with slots', () => {
    expect(ids('dispo=1')).toEqual(['bravo', 'alpha']);
  });

  it('keeps only centres booking by phone only', () => {
    expect(ids('tel=1')).toEqual(['delta']);
  });

  it('keeps one platform, and one dose', () => {
    expect(ids('plateforme=maiia')).toEqual(['bravo']);
    expect(ids('dose=1')).toEqual(['bravo', 'alpha']);
    expect(ids('dose=2')).toEqual([]);
  });

  it('totals what it lists, and counts the unknown apart', () => {
    expect(board('').totals).toEqual({ centres: 5, withSlots: 2, slots: 14, unknown: 1 });
    expect(board('dispo=1').totals).toEqual({ centres: 2, withSlots: 2, slots: 14, unknown: 0 });
  });
});

describe('a commune board', () => {
  it('lists the centres within the radius, with their distances', () => {
    const parsed = boardQuery(new URLSearchParams('rayon=10'));
    if (!parsed.ok) throw new Error(parsed.message);
    const view = boardView(app, { by: 'commune', insee: '35238' }, parsed.options);
    expect(view?.rows.map((row) => row.id)).toEqual(['rennes']);
    expect(view?.rows[0]?.distanceKm).toBeLessThan(10);
    expect(view?.radiusKm).toBe(10);
  });

  it('is null for an unknown place', () => {
    const parsed = boardQuery(new URLSearchParams(''));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(boardView(app, { by: 'commune', insee: '99999' }, parsed.options)).toBeNull();
  });
});
