import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../../src/geo/distance.ts';
import type { Centre, GeoPoint } from '../../../src/registry/centre.ts';
import { createCentreIndex } from '../../../src/registry/centre-index.ts';
import { createRandom } from '../../../src/registry/demo-random.ts';
import { makeCentre } from '../../fixtures/world.ts';

function centre(id: number, location: GeoPoint | null, departement = '35', insee = '35238'): Centre {
  return makeCentre({
    id: `test-${id}`,
    name: `Centre ${id}`,
    address: { lines: [], postcode: `${insee.slice(0, 2)}000` },
    commune: { insee, name: null },
    departement,
    location: location && { ...location, precision: 'address' },
    booking: { url: null, platform: 'none' },
    source: { kind: 'demo', id: String(id), updated_at: null },
  });
}

function bruteForce(centres: readonly Centre[], origin: GeoPoint, radiusKm: number, limit = Infinity) {
  return centres
    .flatMap((c) => (c.location ? [{ id: c.id, distance_km: distanceKm(origin, c.location) }] : []))
    .filter((hit) => hit.distance_km <= radiusKm)
    .sort((a, b) => a.distance_km - b.distance_km || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

describe('createCentreIndex', () => {
  const random = createRandom(42);
  // Mostly metropolitan France, a few overseas, some without a location.
  const centres = Array.from({ length: 2000 }, (_, i) =>
    centre(
      i,
      random.chance(0.05)
        ? null
        : random.chance(0.05)
          ? { lat: 16 + random.next(), lon: -61.8 + random.next() }
          : { lat: 42 + random.next() * 9, lon: -4.8 + random.next() * 13 },
      random.pick(['35', '75', '2A', '971']),
      random.pick(['35238', '75056', '2A004', '97105']),
    ),
  );
  const index = createCentreIndex(centres);

  it('answers near() exactly as a brute-force great-circle filter and sort', () => {
    for (let trial = 0; trial < 200; trial++) {
      const origin = { lat: 41 + random.next() * 11, lon: -5 + random.next() * 14 };
      const radiusKm = random.pick([0.5, 5, 20, 50, 150, 600]);
      const limit = random.chance(0.5) ? random.int(1, 30) : undefined;
      const hits = index.near(origin, limit === undefined ? { radiusKm } : { radiusKm, limit });
      expect(hits.map((h) => ({ id: h.centre.id, distance_km: h.distance_km }))).toEqual(
        bruteForce(centres, origin, radiusKm, limit),
      );
    }
  });

  it('reports distances that equal distanceKm and lie within the radius', () => {
    const origin = { lat: 48.11, lon: -1.68 };
    const hits = index.near(origin, { radiusKm: 200 });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.distance_km).toBe(distanceKm(origin, hit.centre.location ?? origin));
      expect(hit.distance_km).toBeLessThanOrEqual(200);
    }
  });

  it('leaves centres without a location out of near() but keeps them in the other lookups', () => {
    const unlocated = centres.filter((c) => c.location === null);
    expect(unlocated.length).toBeGreaterThan(0);
    const everywhere = index.near({ lat: 46, lon: 2 }, { radiusKm: 20_000 });
    expect(everywhere).toHaveLength(centres.length - unlocated.length);
    for (const c of unlocated) {
      expect(index.byId(c.id)).toBe(c);
      expect(index.inDepartement(c.departement ?? '')).toContain(c);
      expect(index.inCommune(c.commune.insee ?? '')).toContain(c);
      expect(index.withPostcode(c.address.postcode ?? '')).toContain(c);
    }
  });

  it('groups centres by département, commune and postcode', () => {
    expect(index.size).toBe(centres.length);
    expect(index.all()).toHaveLength(centres.length);
    expect(index.inDepartement('2A')).toEqual(centres.filter((c) => c.departement === '2A'));
    expect(index.inCommune('75056')).toEqual(centres.filter((c) => c.commune.insee === '75056'));
    expect(index.withPostcode('97000')).toEqual(centres.filter((c) => c.address.postcode === '97000'));
    expect(index.inDepartement('99')).toEqual([]);
    expect(index.byId('test-unknown')).toBeUndefined();
  });

  it('answers an empty index and a zero limit with no centres', () => {
    expect(createCentreIndex([]).near({ lat: 48, lon: 2 }, { radiusKm: 100 })).toEqual([]);
    expect(index.near({ lat: 48, lon: 2 }, { radiusKm: 100, limit: 0 })).toEqual([]);
  });
});
