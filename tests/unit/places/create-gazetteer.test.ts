import { describe, expect, it } from 'vitest';
import { createGazetteer } from '../../../src/places/gazetteer.ts';
import type { CommuneRecord, GazetteerSources, PlaceRecord } from '../../../src/places/load-communes.ts';

function commune(insee: string, name: string, extra: Partial<CommuneRecord> = {}): CommuneRecord {
  return {
    insee,
    name,
    type: 'commune-actuelle',
    departement: insee.slice(0, 2),
    region: '53',
    postcodes: ['35000'],
    population: 1000,
    parent: null,
    formerCodes: [],
    ...extra,
  };
}

function place(insee: string | null, name: string, lat: number, lon: number, population = 1000): PlaceRecord {
  return { name, country: 'FR', featureCode: 'PPL', insee, population, lat, lon };
}

// A made-up département 35: Alpha and Bravo located in one EPCI with Charlie; Écho located alone; Delta alone.
const sources: GazetteerSources = {
  communes: [
    commune('35001', 'Alpha', { population: 3000 }),
    commune('35002', 'Bravo', { population: 1000 }),
    commune('35003', 'Charlie', { population: 10 }),
    commune('35004', 'Delta', { population: 10 }),
    commune('35005', 'Écho', { population: 10, formerCodes: ['35099'] }),
    commune('35006', 'Foxtrot-Ancien', { type: 'commune-deleguee', parent: '35001', postcodes: [] }),
  ],
  departements: [{ code: '35', name: 'Département test', chefLieu: '35001' }],
  epcis: [{ code: '200000001', name: 'CC test', members: ['35001', '35002', '35003'] }],
  places: [
    place('35001', 'Alpha', 48, -2, 3000),
    place('35002', 'Bravo', 49, -1),
    place('35006', 'Foxtrot', 47, -3),
    place('35099', 'Écho', 46, -4),
  ],
};

describe('createGazetteer', () => {
  const gazetteer = createGazetteer(sources);

  it('locates a commune through a place filed under its former code', () => {
    expect(gazetteer.commune('35005')?.location).toEqual({ lat: 46, lon: -4, approximate: false });
  });

  it('keeps current communes only, and resolves delegated and former codes to them', () => {
    expect(gazetteer.communes.map((c) => c.insee)).toEqual(['35001', '35002', '35003', '35004', '35005']);
    expect(gazetteer.commune('35006')?.insee).toBe('35001');
    expect(gazetteer.commune('35099')?.insee).toBe('35005');
    expect(gazetteer.commune('35100')).toBeUndefined();
  });

  it("prefers a place carrying the commune's own code over one of a former commune", () => {
    expect(gazetteer.commune('35001')?.location).toEqual({ lat: 48, lon: -2, approximate: false });
  });

  it("places an unlocated commune at its EPCI's population-weighted centre", () => {
    const charlie = gazetteer.commune('35003')?.location;
    expect(charlie?.approximate).toBe(true);
    expect(charlie?.lat).toBeCloseTo((48 * 3000 + 49 * 1000) / 4000, 10);
    expect(charlie?.lon).toBeCloseTo((-2 * 3000 + -1 * 1000) / 4000, 10);
  });

  it("falls back on the département's located communes when its EPCI has none", () => {
    const delta = gazetteer.commune('35004')?.location;
    expect(delta?.approximate).toBe(true);
    expect(delta?.lat).toBeCloseTo((48 * 3000 + 49 * 1000 + 46 * 10) / 4010, 10);
    expect(delta?.lon).toBeCloseTo((-2 * 3000 + -1 * 1000 + -4 * 10) / 4010, 10);
  });

  it('answers nearestCommune with located communes only', () => {
    expect(gazetteer.nearestCommune({ lat: 48.7, lon: -1.5 })?.insee).toBe('35002');
    expect(gazetteer.nearestCommune({ lat: 48.25, lon: -1.75 })?.insee).toBe('35001');
  });
});

describe('createGazetteer without any located commune', () => {
  it('answers nearestCommune with nothing', () => {
    const empty = createGazetteer({ communes: [], departements: [], epcis: [], places: [] });
    expect(empty.nearestCommune({ lat: 48, lon: -2 })).toBeUndefined();
    expect(empty.suggest('rennes')).toEqual([]);
  });
});
