import { describe, expect, it } from 'vitest';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import type { Centre } from '../../../src/registry/centre.ts';
import { createCentreIndex } from '../../../src/registry/centre-index.ts';
import { type CentreSearch, findCentres, type SearchHit } from '../../../src/search/find-centres.ts';
import { nearestPhones, widenSearch } from '../../../src/search/widen.ts';

/**
 * Issue 15, point 1: a search with no centre, or none with slots, widens by itself (20 → 50 → 100 km,
 * then the département and its neighbours), over a fixture of centres around Saint-Malo (35).
 */

function centre(id: string, departement: string, lat: number, lon: number, phones: string[] = []): Centre {
  return {
    id,
    name: `Centre ${id}`,
    address: { lines: [], postcode: null },
    commune: { insee: null, name: null },
    departement,
    location: { lat, lon, precision: 'address' },
    booking: { url: 'https://partners.doctolib.fr/centre/x/y', platform: 'doctolib' },
    phones,
    opening_hours: {},
    accessible: null,
    opens_on: null,
    closes_on: null,
    notes: null,
    health_professionals_only: null,
    source: { kind: 'demo', id: null, updated_at: null },
  };
}

// From Saint-Malo: Dinan (22) ~22 km, Rennes (35) ~60 km, Laval (53) ~115 km, Brest (29) ~180 km.
const centres = [
  centre('dinan', '22', 48.4555, -2.0503, ['0296000001']),
  centre('rennes', '35', 48.1113, -1.68, ['0299000002']),
  centre('rennes-bis', '35', 48.1, -1.67, ['0299000002']),
  centre('laval', '53', 48.0706, -0.7734, ['0243000003']),
  centre('brest', '29', 48.3904, -4.4861),
];
const app = { gazetteer: getGazetteer(), centres: createCentreIndex(centres) };
const SAINT_MALO = '35288';

function widen(
  search: CentreSearch,
  withSlots: readonly string[],
  keep: (hit: SearchHit) => boolean = () => true,
) {
  const result = findCentres(app, search);
  return {
    result,
    ...widenSearch(app, search, result, {
      keep,
      hasSlots: (hit) => withSlots.includes(hit.centre.id),
    }),
  };
}
const ids = (hits: readonly SearchHit[]) => hits.map((hit) => hit.centre.id);

describe('a search that finds nothing to book widens by itself', () => {
  it('goes 20 → 50 → 100 km and stops at the first radius with a centre that has slots', () => {
    const {
      result,
      widening,
      nearestPhones: phones,
    } = widen({ by: 'commune', insee: SAINT_MALO, radiusKm: 20 }, ['rennes', 'laval']);
    expect(result.hits).toEqual([]);
    expect(widening?.reason).toBe('no-centre');
    expect(widening?.fromKm).toBe(20);
    // 50 km has Dinan only, without slots: 100 km has Rennes, which has some; Laval is further.
    expect(widening?.scope).toEqual({ kind: 'radius', radiusKm: 100 });
    expect(widening?.withSlots).toBe(true);
    expect(ids(widening?.result.hits ?? [])).toEqual(['dinan', 'rennes', 'rennes-bis']);
    const farthest = widening?.result.hits.at(-1)?.distance_km ?? 0;
    expect(widening?.farthestKm).toBe(farthest);
    expect(farthest).toBeGreaterThan(50);
    expect(farthest).toBeLessThan(100);
    // Phone numbers nearest first, each number once (Rennes' two centres share one).
    expect(ids(phones)).toEqual(['dinan', 'rennes']);
  });

  it('says "no slots" rather than "no centre" when the radius has centres, none with slots', () => {
    const { widening } = widen({ by: 'commune', insee: SAINT_MALO, radiusKm: 30 }, ['rennes']);
    expect(widening?.reason).toBe('no-slots');
    expect(widening?.fromKm).toBe(30);
    expect(widening?.scope).toEqual({ kind: 'radius', radiusKm: 50 + 50 });
  });

  it('then takes the département and its neighbours, and no département beyond', () => {
    const { widening, lookedAt } = widen({ by: 'commune', insee: SAINT_MALO, radiusKm: 20 }, [
      'laval',
      'brest',
    ]);
    expect(widening?.scope.kind).toBe('departements');
    const codes = widening?.scope.kind === 'departements' ? widening.scope.codes : [];
    expect(codes[0]).toBe('35');
    expect(codes).toEqual(expect.arrayContaining(['22', '44', '49', '50', '53', '56']));
    expect(codes).not.toContain('29');
    expect(ids(widening?.result.hits ?? [])).toEqual(['dinan', 'rennes', 'rennes-bis', 'laval']);
    expect(lookedAt).toEqual(widening?.scope);
  });

  it('with no slot anywhere, lists the nearest centres there are and says none has slots', () => {
    const {
      widening,
      lookedAt,
      nearestPhones: phones,
    } = widen({ by: 'commune', insee: SAINT_MALO, radiusKm: 20 }, ['brest']);
    expect(widening?.withSlots).toBe(false);
    expect(widening?.scope).toEqual({ kind: 'radius', radiusKm: 50 });
    expect(ids(widening?.result.hits ?? [])).toEqual(['dinan']);
    expect(lookedAt?.kind).toBe('departements');
    // The phones come from the widest scope looked at.
    expect(ids(phones)).toEqual(['dinan', 'rennes', 'laval']);
  });

  it('keeps the asked list when it has centres but nothing anywhere has slots', () => {
    const { widening, lookedAt } = widen({ by: 'commune', insee: SAINT_MALO, radiusKm: 30 }, []);
    expect(widening).toBeNull();
    expect(lookedAt?.kind).toBe('departements');
  });

  it('widens a département search to its neighbours directly', () => {
    const { widening } = widen({ by: 'departement', code: '35' }, ['laval']);
    expect(widening?.fromKm).toBeNull();
    expect(widening?.scope.kind).toBe('departements');
    expect(ids(widening?.result.hits ?? [])).toContain('laval');
  });

  it('does nothing when the search asked for has a centre with slots', () => {
    const {
      widening,
      nearestPhones: phones,
      lookedAt,
    } = widen({ by: 'commune', insee: SAINT_MALO, radiusKm: 30 }, ['dinan']);
    expect(widening).toBeNull();
    expect(phones).toEqual([]);
    expect(lookedAt).toBeNull();
  });

  it('honours the filters: a centre they drop neither stops the widening nor is listed', () => {
    const { widening } = widen(
      { by: 'commune', insee: SAINT_MALO, radiusKm: 30 },
      ['dinan', 'laval'],
      (hit) => hit.centre.id !== 'dinan',
    );
    expect(widening?.reason).toBe('no-centre');
    expect(widening?.scope.kind).toBe('departements');
    expect(ids(widening?.result.hits ?? []).filter((id) => id !== 'dinan')).toEqual([
      'rennes',
      'rennes-bis',
      'laval',
    ]);
  });

  it('widens a search from a position as from a commune', () => {
    const { widening } = widen({ by: 'point', lat: 48.649, lon: -2.0257, radiusKm: 5 }, ['rennes']);
    expect(widening?.scope).toEqual({ kind: 'radius', radiusKm: 100 });
  });
});

describe('the nearest phone numbers', () => {
  it('skips centres without a number and gives each number once, at most three', () => {
    const hits = centres.map((c, i) => ({ centre: c, distance_km: i }));
    expect(ids(nearestPhones(hits))).toEqual(['dinan', 'rennes', 'laval']);
    expect(ids(nearestPhones(hits, 1))).toEqual(['dinan']);
  });
});
