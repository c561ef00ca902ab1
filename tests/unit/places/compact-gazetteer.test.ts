import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { distanceKm } from '../../../src/geo/distance.ts';
import {
  compactGazetteerFile,
  readCompactGazetteer,
  writeCompactGazetteer,
} from '../../../src/places/compact-gazetteer.ts';
import {
  buildGazetteerData,
  type GazetteerData,
  gazetteerFromColumns,
} from '../../../src/places/gazetteer.ts';
import { decodeGazetteer, encodeGazetteer } from '../../../src/places/gazetteer-columns.ts';
import { loadGazetteerSources } from '../../../src/places/load-communes.ts';
import type { Commune, Gazetteer } from '../../../src/places/types.ts';
import { tempDir } from '../../support/temp-dir.ts';

/**
 * The columns are checked against the reconciled data as plain objects (what the gazetteer held
 * before), and the search against the answers the object-based search gave at commit 159b0e2 for
 * 278 queries (suggest-answers.json: names, prefixes, upper case, swapped letters, postcodes and
 * their prefixes, name + postcode, addresses, départements). Issue 15 moved positions to GeoNames'
 * cities500: the answers' positions were written again then, their kinds, codes, labels and order
 * left as they were.
 */

let data: GazetteerData;
let file: string;
let gazetteer: Gazetteer;

beforeAll(() => {
  data = buildGazetteerData(loadGazetteerSources());
  file = path.join(tempDir('creneau-gazetteer-'), 'gazetteer.bin');
  writeCompactGazetteer(file, data);
  const columns = readCompactGazetteer(file);
  if (!columns) throw new Error('the columns file could not be read back');
  gazetteer = gazetteerFromColumns(columns);
});

const byPopulation = (a: Commune, b: Commune) =>
  b.population - a.population || a.insee.localeCompare(b.insee);

describe('the gazetteer columns', () => {
  it('give back every commune and département as the reconciled data have them', () => {
    const columns = decodeGazetteer(encodeGazetteer(data));
    expect(columns.count).toBe(data.communes.length);
    data.communes.forEach((commune, row) => {
      expect(columns.communeAt(row)).toEqual(commune);
    });
    expect(columns.departements).toEqual(data.departements);
    expect(gazetteer.communes).toEqual(data.communes);
    expect(gazetteer.communeCount).toBe(data.communes.length);
  });

  it('find every commune by its INSEE code, in any case and with spaces, and former codes by alias', () => {
    for (const commune of data.communes) expect(gazetteer.commune(commune.insee)).toEqual(commune);
    const byCode = new Map(data.communes.map((c) => [c.insee, c]));
    for (const [alias, code] of data.aliases) {
      if (byCode.has(alias)) continue;
      expect(gazetteer.commune(alias), alias).toEqual(byCode.get(code));
    }
    expect(gazetteer.commune(' 2a004 ')?.name).toBe('Ajaccio');
    expect(gazetteer.commune('50602')?.name).toBe('Cherbourg-en-Cotentin');
    expect(gazetteer.commune('99999')).toBeUndefined();
    expect(gazetteer.commune('')).toBeUndefined();
  });

  it('find the communes of every postcode, arrondissements before their city, larger first', () => {
    const cities = new Set(data.communes.flatMap((c) => (c.arrondissementOf ? [c.arrondissementOf] : [])));
    const communesOf = new Map<string, Commune[]>();
    for (const commune of data.communes)
      for (const postcode of commune.postcodes)
        communesOf.set(postcode, [...(communesOf.get(postcode) ?? []), commune]);
    expect(communesOf.size).toBeGreaterThan(6000);
    for (const [postcode, communes] of communesOf) {
      const expected = [...communes].sort(
        (a, b) => Number(cities.has(a.insee)) - Number(cities.has(b.insee)) || byPopulation(a, b),
      );
      expect(gazetteer.communesByPostcode(postcode), postcode).toEqual(expected);
    }
    expect(gazetteer.communesByPostcode('75015').map((c) => c.insee)).toEqual(['75115', '75056']);
    expect(gazetteer.communesByPostcode('00000')).toEqual([]);
  });

  it('answer the nearest located commune to a point as a search over every commune would', () => {
    const cities = new Set(data.communes.flatMap((c) => (c.arrondissementOf ? [c.arrondissementOf] : [])));
    const candidates = data.communes.filter(
      (c) =>
        !c.location.approximate &&
        !(
          cities.has(c.insee) &&
          data.communes.some((a) => a.arrondissementOf === c.insee && !a.location.approximate)
        ),
    );
    const points = [
      { lat: 48.1115, lon: -1.6743 },
      { lat: 43.2965, lon: 5.3698 },
      { lat: 48.8414, lon: 2.3 },
      { lat: 45.764, lon: 4.8357 },
      { lat: -21.1151, lon: 55.5364 },
      { lat: 16.265, lon: -61.551 },
      { lat: 41.9192, lon: 8.7386 },
      ...Array.from({ length: 40 }, (_, i) => ({
        lat: 42.5 + ((i * 0.731) % 8),
        lon: -4 + ((i * 1.37) % 11),
      })),
    ];
    for (const point of points) {
      const nearest = candidates.reduce((best, c) =>
        distanceKm(point, c.location) < distanceKm(point, best.location) ? c : best,
      );
      expect(gazetteer.nearestCommune(point)?.insee, JSON.stringify(point)).toBe(nearest.insee);
    }
  });

  it('suggest what the object-based search suggested, accents, typos and postcodes included', () => {
    const answers = z
      .record(z.string(), z.array(z.string()))
      .parse(JSON.parse(readFileSync(path.join(import.meta.dirname, 'suggest-answers.json'), 'utf8')));
    expect(Object.keys(answers).length).toBeGreaterThan(250);
    for (const [query, expected] of Object.entries(answers)) {
      const got = gazetteer
        .suggest(query, 5)
        .map(
          (s) =>
            `${s.kind}|${s.insee ?? s.departement}|${s.label}|${s.postcodes.join(',')}|${s.location.lat},${s.location.lon}`,
        );
      expect(got, query).toEqual(expected);
    }
    expect(answers.evreux?.[0]).toMatch(/^commune\|27229\|/);
    expect(answers['ÉVREUX']?.[0]).toMatch(/^commune\|27229\|/);
  });
});

describe('the columns file', () => {
  it('is named after the packages and the sources that build it', () => {
    expect(compactGazetteerFile()).toMatch(/node_modules\/\.cache\/creneau\/gazetteer-[0-9a-f]{16}\.bin$/);
  });

  it('is refused when truncated or not a columns file, so the caller builds it again', () => {
    const bytes = readFileSync(file);
    const truncated = path.join(path.dirname(file), 'truncated.bin');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 1000));
    expect(readCompactGazetteer(truncated)).toBeNull();
    const other = path.join(path.dirname(file), 'other.bin');
    writeFileSync(other, JSON.stringify({ format: 'creneau-gazetteer', version: 1 }));
    expect(readCompactGazetteer(other)).toBeNull();
    expect(readCompactGazetteer(path.join(path.dirname(file), 'missing.bin'))).toBeNull();
  });

  it('holds the communes as typed arrays and one text, not as objects', () => {
    const columns = readCompactGazetteer(file);
    expect(columns?.lat).toBeInstanceOf(Float64Array);
    expect(columns?.insee).toBeInstanceOf(Int32Array);
    expect(typeof columns?.text).toBe('string');
  });
});
