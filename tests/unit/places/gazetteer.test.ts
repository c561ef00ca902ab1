import { beforeAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../../src/geo/distance.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import { loadPlaces } from '../../../src/places/load-communes.ts';
import type { Gazetteer } from '../../../src/places/types.ts';

let gazetteer: Gazetteer;
beforeAll(() => {
  gazetteer = getGazetteer();
});

const inseeOf = (query: string, limit?: number) => gazetteer.suggest(query, limit).map((s) => s.insee);

describe('the gazetteer of the installed data', () => {
  it('has every current commune, arrondissement and département in scope', () => {
    expect(gazetteer.communes.length).toBeGreaterThan(34_000);
    expect(gazetteer.departements().map((d) => d.code)).toEqual(
      expect.arrayContaining(['01', '2A', '2B', '35', '75', '95', '971', '972', '973', '974', '976']),
    );
    expect(gazetteer.departements().every((d) => /^(\d{2}|2[AB]|97[1-8])$/.test(d.code))).toBe(true);
  });

  it('gives every commune a location', () => {
    const missing = gazetteer.communes.filter(
      (c) => !Number.isFinite(c.location.lat) || !Number.isFinite(c.location.lon),
    );
    expect(missing).toEqual([]);
  });

  it('places a small commune GeoNames lacks approximately, inside its département', () => {
    // L'Abergement-Clémenciat (Ain, 860 people) is under cities1000's threshold.
    expect(loadPlaces().some((place) => place.insee === '01001')).toBe(false);
    const commune = gazetteer.commune('01001');
    expect(commune?.location.approximate).toBe(true);
    const located = gazetteer.communes.filter((c) => c.departement === '01' && !c.location.approximate);
    const lats = located.map((c) => c.location.lat);
    const lons = located.map((c) => c.location.lon);
    expect(commune?.location.lat).toBeGreaterThanOrEqual(Math.min(...lats));
    expect(commune?.location.lat).toBeLessThanOrEqual(Math.max(...lats));
    expect(commune?.location.lon).toBeGreaterThanOrEqual(Math.min(...lons));
    expect(commune?.location.lon).toBeLessThanOrEqual(Math.max(...lons));
  });

  it('locates Rennes where GeoNames does, and finds Rennes as the nearest commune to that point', () => {
    const rennes = gazetteer.commune('35238');
    expect(rennes?.location.approximate).toBe(false);
    expect(distanceKm(rennes?.location ?? { lat: 0, lon: 0 }, { lat: 48.1113, lon: -1.68 })).toBeLessThan(3);
    expect(gazetteer.nearestCommune({ lat: 48.1115, lon: -1.6743 })?.insee).toBe('35238');
  });

  it('resolves a commune déléguée to the commune it belongs to', () => {
    // Cherbourg-Octeville (50129) and Tourlaville (50602) merged into Cherbourg-en-Cotentin.
    expect(gazetteer.commune('50602')?.name).toBe('Cherbourg-en-Cotentin');
  });

  it('gives each département its chef-lieu and position', () => {
    const ille = gazetteer.departement('35');
    expect(ille).toMatchObject({ name: 'Ille-et-Vilaine', chefLieu: '35238' });
    expect(ille?.location).toEqual(gazetteer.commune('35238')?.location);
  });
});

describe('suggest', () => {
  it('finds Rennes first by its exact name, and by a prefix of it', () => {
    expect(inseeOf('Rennes')[0]).toBe('35238');
    expect(inseeOf('renne')[0]).toBe('35238');
    expect(gazetteer.suggest('Rennes')[0]).toMatchObject({
      kind: 'commune',
      label: 'Rennes (35000, 35200, 35700)',
    });
  });

  it('treats St, Saint, hyphens and case alike', () => {
    for (const query of ['st malo', 'ST-MALO', 'saint-malo', 'Saint Malo'])
      expect(inseeOf(query)[0]).toBe('35288');
  });

  it('ignores accents and case', () => {
    expect(inseeOf('évreux')[0]).toBe('27229');
    expect(inseeOf('EVREUX')[0]).toBe('27229');
  });

  it('ranks the exact name before longer names, and larger towns first among prefixes', () => {
    const names = gazetteer.suggest('saint', 10).slice(1);
    const populations = names.map((s) => gazetteer.commune(s.insee ?? '')?.population ?? 0);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it('gives one suggestion per commune of a postcode shared by several', () => {
    const communes = gazetteer.communesByPostcode('01400');
    expect(communes.length).toBeGreaterThan(3);
    const suggestions = gazetteer.suggest('01400', 50);
    expect(suggestions.map((s) => s.insee)).toEqual(communes.map((c) => c.insee));
    expect(suggestions.every((s) => s.kind === 'postcode' && s.postcodes.join() === '01400')).toBe(true);
  });

  it('completes a partial postcode', () => {
    const suggestions = gazetteer.suggest('3540', 10);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((s) => s.postcodes.every((p) => p.startsWith('3540')))).toBe(true);
    expect(suggestions.map((s) => s.insee)).toContain('35288');
  });

  it('finds départements by code, Corsica and overseas included, and by name', () => {
    expect(gazetteer.suggest('2A')[0]).toMatchObject({
      kind: 'departement',
      departement: '2A',
      label: 'Corse-du-Sud (2A)',
    });
    expect(gazetteer.suggest('2b')[0]).toMatchObject({ kind: 'departement', departement: '2B' });
    expect(gazetteer.suggest('971')[0]).toMatchObject({ kind: 'departement', name: 'Guadeloupe' });
    expect(gazetteer.suggest('35')[0]).toMatchObject({ kind: 'departement', name: 'Ille-et-Vilaine' });
    expect(gazetteer.suggest('ille et')[0]).toMatchObject({ kind: 'departement', departement: '35' });
  });

  it('finds both Paris and its arrondissements', () => {
    expect(inseeOf('paris')[0]).toBe('75056');
    expect(inseeOf('paris 15')).toEqual(['75115']);
    expect(inseeOf('75015')).toEqual(['75115', '75056']);
    expect(gazetteer.commune('75115')?.arrondissementOf).toBe('75056');
  });

  it('honours the limit and answers nothing to an empty query', () => {
    expect(gazetteer.suggest('saint', 3)).toHaveLength(3);
    expect(gazetteer.suggest('saint')).toHaveLength(10);
    expect(gazetteer.suggest('   ')).toEqual([]);
  });
});
