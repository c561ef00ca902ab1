import { describe, expect, it } from 'vitest';
import { SlotTally } from '../../../src/adapters/slot-tally.ts';
import type { AvailabilityView } from '../../../src/availability/availability-view.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { rankHits } from '../../../src/search/availability-filters.ts';
import { availabilityFilters, filterParams, pageFilters } from '../../../src/search/page-filters.ts';
import { polledState } from '../../fixtures/centre-state.ts';
import { makeCentre } from '../../fixtures/world.ts';

const NOW = new Date('2021-04-20T08:00:00Z'); // Tuesday, 10:00 in Paris

describe('slots by time of day (SlotTally)', () => {
  it('splits each local day into morning, afternoon and evening, and counts the next 24 hours', () => {
    const tally = new SlotTally(NOW.getTime(), 14);
    const add = (iso: string, agenda = 'a') =>
      tally.add({ agenda, startMs: Date.parse(iso), dose: 'first', vaccine: null });
    add('2021-04-20T09:59:00Z'); // 11:59 Paris: morning
    add('2021-04-20T10:00:00Z'); // 12:00: afternoon
    add('2021-04-20T15:59:00Z'); // 17:59: afternoon
    add('2021-04-20T16:00:00Z'); // 18:00: evening
    add('2021-04-21T07:59:00Z'); // next day 09:59, within 24 h
    add('2021-04-21T08:00:00Z'); // exactly 24 h later: not within
    const summary = tally.summarise('Europe/Paris');
    expect(summary.per_day_period).toEqual({
      '2021-04-20': { morning: 1, afternoon: 2, evening: 1 },
      '2021-04-21': { morning: 2, afternoon: 0, evening: 0 },
    });
    expect(summary.next_24h).toBe(5);
    // The same instants in La Réunion (UTC+4): 13:59, 14:00, 19:59, 20:00…
    expect(new SlotTally(NOW.getTime(), 14).summarise('Indian/Reunion').per_day_period).toEqual({});
    const reunion = new SlotTally(NOW.getTime(), 14);
    reunion.add({ agenda: 'a', startMs: Date.parse('2021-04-20T09:59:00Z'), dose: 'first', vaccine: null });
    reunion.add({ agenda: 'a', startMs: Date.parse('2021-04-20T14:00:00Z'), dose: 'first', vaccine: null });
    expect(reunion.summarise('Indian/Reunion').per_day_period).toEqual({
      '2021-04-20': { morning: 0, afternoon: 1, evening: 1 },
    });
  });
});

describe('"dans les 24 h" and "le soir ou le week-end" filters', () => {
  const centres = ['soon', 'evening', 'saturday', 'later', 'expired', 'failing-never'].map((id) =>
    makeCentre({ id, booking: { url: `https://www.maiia.com/c?centerid=${id}`, platform: 'maiia' } }),
  );
  const at = new Date(NOW.getTime() - 60_000);
  const states = new Map<string, CentreState>([
    [
      'soon',
      polledState('soon', at, {
        slot_count: 2,
        next_24h: 2,
        per_day: { '2021-04-20': 2 },
        per_day_period: { '2021-04-20': { morning: 2, afternoon: 0, evening: 0 } },
      }),
    ],
    [
      'evening',
      polledState('evening', at, {
        slot_count: 3,
        next_24h: 0,
        per_day: { '2021-04-22': 3 },
        per_day_period: { '2021-04-22': { morning: 0, afternoon: 0, evening: 3 } },
      }),
    ],
    ['saturday', polledState('saturday', at, { slot_count: 4, next_24h: 0, per_day: { '2021-04-24': 4 } })],
    [
      'later',
      polledState('later', at, {
        slot_count: 0,
        next_24h: 0,
        next_slot: '2021-05-20T09:00:00+02:00',
        per_day: {},
      }),
    ],
    // Slots in the evening and within 24 h, but read two hours ago: expired, so in no filter.
    [
      'expired',
      polledState('expired', new Date(NOW.getTime() - 2 * 3_600_000), {
        slot_count: 5,
        next_24h: 5,
        per_day: { '2021-04-20': 5 },
        per_day_period: { '2021-04-20': { morning: 0, afternoon: 0, evening: 5 } },
      }),
    ],
  ]);
  const view = { state: (id: string) => states.get(id) } as Pick<AvailabilityView, 'state'>;
  const hits = centres.map((centre) => ({ centre, distance_km: 1 }));
  const ids = (query: string) =>
    rankHits(hits, view, NOW, availabilityFilters(pageFilters(new URLSearchParams(query)))).map(
      (hit) => hit.centre.id,
    );

  it('keeps only centres with a slot within 24 hours', () => {
    expect(ids('h24=1')).toEqual(['soon']);
  });

  it('keeps only centres with a slot from 18:00 or on a Saturday or Sunday', () => {
    expect(ids('soir=1')).toEqual(['evening', 'saturday']);
  });

  it('combines, and writes the filters back into short links', () => {
    expect(ids('h24=1&soir=1')).toEqual([]);
    expect(filterParams(pageFilters(new URLSearchParams('h24=oui&soir=1')))).toEqual([
      ['h24', '1'],
      ['soir', '1'],
    ]);
  });
});
