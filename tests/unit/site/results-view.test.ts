import { describe, expect, it } from 'vitest';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import type { Centre } from '../../../src/registry/centre.ts';
import { createCentreIndex } from '../../../src/registry/centre-index.ts';
import { findCentres } from '../../../src/search/find-centres.ts';
import { pageFilters } from '../../../src/search/page-filters.ts';
import { resultsView } from '../../../src/search/results-view.ts';
import { polledState } from '../../fixtures/centre-state.ts';

const now = new Date('2021-05-10T10:00:00+02:00');

function centre(
  id: string,
  departement: string,
  lat: number,
  lon: number,
  accessible: boolean | null = null,
): Centre {
  return {
    id,
    name: `Centre ${id}`,
    address: { lines: [], postcode: null },
    commune: { insee: null, name: null },
    departement,
    location: { lat, lon, precision: 'address' },
    booking: { url: 'https://partners.doctolib.fr/centre/x/y', platform: 'doctolib' },
    phones: ['0299000000'],
    opening_hours: {},
    accessible,
    opens_on: null,
    closes_on: null,
    notes: null,
    health_professionals_only: null,
    source: { kind: 'demo', id: null, updated_at: null },
  };
}

function state(id: string, slots: number, checkedMinutesAgo = 2): CentreState {
  return polledState(id, new Date(now.getTime() - checkedMinutesAgo * 60_000), {
    status: slots > 0 ? 'some' : 'none',
    next_slot: slots > 0 ? '2021-05-11T09:00:00+02:00' : null,
    slot_count: slots,
    per_day: slots > 0 ? { '2021-05-11': slots } : {},
    per_dose: { first: slots, second: 0, booster: 0, unknown: 0 },
    per_vaccine: slots > 0 ? { Moderna: slots } : {},
    booking_url: null,
    horizon_days: 7,
  });
}

// Vitré (35) sits by the Mayenne (53): Laval is 35 km away, Rennes 37 km, Nantes (44) about 100 km.
const centres = [
  centre('vitre', '35', 48.1236, -1.2093),
  centre('laval', '53', 48.0706, -0.7734, true),
  centre('rennes', '35', 48.1113, -1.68),
  centre('nantes', '44', 47.2184, -1.5536),
];
const states = new Map([
  ['vitre', state('vitre', 0)],
  ['laval', state('laval', 0, 5)],
  ['rennes', state('rennes', 0)],
  ['nantes', state('nantes', 12)],
]);
const app = {
  gazetteer: getGazetteer(),
  centres: createCentreIndex(centres),
  availability: { state: (id: string) => states.get(id) },
  now: () => now,
} as unknown as Parameters<typeof resultsView>[0];

describe('results around a place', () => {
  const search = { by: 'commune', insee: '35360', radiusKm: 50 } as const; // Vitré
  const result = findCentres(app, search);

  it('includes the neighbouring département’s centres, since it searches by distance', () => {
    expect(result.hits.map((hit) => hit.centre.id)).toEqual(['vitre', 'laval', 'rennes']);
  });

  it('shows when the area was checked, and widens to the nearest centre with slots (issue 15)', () => {
    const view = resultsView(app, search, result, pageFilters(new URLSearchParams()));
    expect(view.withSlots).toBe(1);
    expect(view.lastCheckedAgeS).toBe(120);
    expect(view.noDeadEnd.widening?.reason).toBe('no-slots');
    expect(view.hits[0]?.centre.id).toBe('nantes');
    expect(view.hits[0]?.distance_km).toBeGreaterThan(50);
    expect(view.hits.map((hit) => hit.centre.id)).toEqual(
      expect.arrayContaining(['vitre', 'laval', 'rennes']),
    );
    // The live refresh re-reads the widened list, not the 50 km one.
    expect(view.listedSearch).not.toEqual(search);
  });

  it('applies wheelchair and slot filters to the list, and to the widening', () => {
    // Only Laval is accessible, and nothing accessible has slots anywhere: Laval stays, alone.
    const accessible = resultsView(app, search, result, pageFilters(new URLSearchParams('fauteuil=1')));
    expect(accessible.hits.map((hit) => hit.centre.id)).toEqual(['laval']);
    expect(accessible.noDeadEnd.widening).toBeNull();
    expect(accessible.noDeadEnd.lookedAt?.kind).toBe('departements');
    const onlySlots = resultsView(app, search, result, pageFilters(new URLSearchParams('dispo=1')));
    expect(onlySlots.noDeadEnd.widening?.reason).toBe('no-centre');
    expect(onlySlots.hits.map((hit) => hit.centre.id)).toEqual(['nantes']);
  });

  it('orders centres with slots first by default', () => {
    states.set('rennes', state('rennes', 3));
    const view = resultsView(app, search, result, pageFilters(new URLSearchParams()));
    expect(view.hits.map((hit) => hit.centre.id)).toEqual(['rennes', 'vitre', 'laval']);
    expect(view.noDeadEnd.widening).toBeNull();
    expect(view.listedSearch).toEqual(search);
    states.set('rennes', state('rennes', 0));
  });
});
