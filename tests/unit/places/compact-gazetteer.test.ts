import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompactGazetteer,
  compactGazetteerFile,
  fromCompact,
  loadCompactGazetteer,
  toCompact,
  writeCompactGazetteer,
} from '../../../src/places/compact-gazetteer.ts';
import { buildGazetteerData, type GazetteerData, gazetteerFromData } from '../../../src/places/gazetteer.ts';
import { loadGazetteerSources } from '../../../src/places/load-communes.ts';
import type { Gazetteer } from '../../../src/places/types.ts';

// What people type: names, typos, abbreviations, postcodes, départements, addresses, arrondissements.
const QUERIES = [
  'Rennes',
  'renes',
  'st malo',
  'Saint-Étienne',
  '35000',
  '350',
  '13001',
  '75',
  '2A',
  '974',
  'Paris',
  'Lyon 3e',
  'Marseille',
  '12 rue de la Paix, Rennes',
  'Rennes 35200',
  'Sian-Malo',
  'les',
  'Ajaccio',
  'Saint-Denis',
  'xyzzy',
];

let fromSources: Gazetteer;
let fromFile: Gazetteer;
let data: GazetteerData;
let directory: string;

beforeAll(() => {
  data = buildGazetteerData(loadGazetteerSources());
  fromSources = gazetteerFromData(data);
  directory = mkdtempSync(path.join(os.tmpdir(), 'creneau-gazetteer-'));
  const file = path.join(directory, 'gazetteer.json');
  writeCompactGazetteer(file, data);
  const stored = loadCompactGazetteer();
  if (!stored) throw new Error('the compact gazetteer could not be built');
  fromFile = gazetteerFromData(stored);
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('the compact gazetteer', () => {
  it('stores the reconciled data losslessly', () => {
    const back = fromCompact(CompactGazetteer.parse(JSON.parse(JSON.stringify(toCompact(data)))));
    expect(back.communes).toEqual(data.communes);
    expect(back.departements).toEqual(data.departements);
    expect(back.aliases).toEqual(data.aliases);
  });

  it('gives the same suggestions as the gazetteer built from the sources', () => {
    for (const query of QUERIES)
      expect(fromFile.suggest(query, 10), query).toEqual(fromSources.suggest(query, 10));
  });

  it('resolves the same codes, postcodes and nearest communes', () => {
    for (const code of ['35238', '75056', '75101', '13201', '2A004', '97411', '35006', '01015']) {
      expect(fromFile.commune(code), code).toEqual(fromSources.commune(code));
    }
    for (const postcode of ['35000', '75001', '13008', '97400'])
      expect(fromFile.communesByPostcode(postcode)).toEqual(fromSources.communesByPostcode(postcode));
    for (const point of [
      { lat: 48.11, lon: -1.68 },
      { lat: 43.3, lon: 5.37 },
      { lat: -21.1, lon: 55.5 },
    ])
      expect(fromFile.nearestCommune(point)).toEqual(fromSources.nearestCommune(point));
    expect(fromFile.departements()).toEqual(fromSources.departements());
  });

  it('shares one string for each repeated code', () => {
    const stored = fromCompact(toCompact(data));
    const [a, b] = stored.communes.filter((c) => c.departement === '35');
    expect(a?.departement).toBe(b?.departement);
  });

  it('names its cache file after the packages and the sources that build it', () => {
    expect(compactGazetteerFile()).toMatch(/node_modules\/\.cache\/creneau\/gazetteer-[0-9a-f]{16}\.json$/);
  });
});
