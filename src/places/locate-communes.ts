import type { CommuneRecord, PlaceRecord } from './load-communes.ts';
import { PLACE_COUNTRY_DEPARTEMENTS } from './load-communes.ts';
import { searchKey } from './normalise.ts';
import type { PlacePoint } from './types.ts';

export interface LocateInput {
  /** Current communes and arrondissements municipaux: the ones that get a location. */
  communes: readonly CommuneRecord[];
  places: readonly PlaceRecord[];
  /** The current commune a code names, whether current or former (déléguée, associée, merged). */
  resolve: (insee: string) => string | undefined;
  epciOf: ReadonlyMap<string, string>;
}

interface Candidate {
  place: PlaceRecord;
  /** The place's own INSEE code is the commune's, not a former one that now resolves to it. */
  direct: boolean;
  sameName: boolean;
}

/** GeoNames files city districts (Marseille's quartiers, arrondissements) under the city's code. */
const DISTRICT_FEATURES = new Set(['PPLX', 'PPLA5', 'PPLL']);

/** `Marseille 1er Arrondissement` and GeoNames' `Marseille 01` both become `marseille 1`. */
function arrondissementKey(name: string): string {
  return searchKey(name)
    .replace(/ arrondissement$/, '')
    .replace(/ 0*(\d+)(er|e)?$/, ' $1');
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.direct !== b.direct) return a.direct;
  if (a.sameName !== b.sameName) return a.sameName;
  const aDistrict = DISTRICT_FEATURES.has(a.place.featureCode);
  if (aDistrict !== DISTRICT_FEATURES.has(b.place.featureCode)) return !aDistrict;
  return a.place.population > b.place.population;
}

function weightedMean(points: ReadonlyArray<{ point: PlacePoint; weight: number }>): PlacePoint | undefined {
  let total = 0;
  let lat = 0;
  let lon = 0;
  for (const { point, weight } of points) {
    total += weight;
    lat += point.lat * weight;
    lon += point.lon * weight;
  }
  return total > 0 ? { lat: lat / total, lon: lon / total, approximate: true } : undefined;
}

/**
 * Gives every commune a point: GeoNames' when it has one (cities of 1,000 people and more),
 * else an estimate flagged `approximate`: an arrondissement at its city's point, any other
 * commune at the population-weighted mean of its EPCI's located communes, else its
 * département's. Throws when even that is impossible: the sources would be broken.
 */
export function locateCommunes({ communes, places, resolve, epciOf }: LocateInput): Map<string, PlacePoint> {
  const byCode = new Map(communes.map((commune) => [commune.insee, commune]));
  const arrondissements = new Map<string, string>();
  for (const commune of communes) {
    if (commune.type === 'arrondissement-municipal')
      arrondissements.set(arrondissementKey(commune.name), commune.insee);
  }
  // Names are matched within a GeoNames country: metropolitan France, or one overseas département.
  const countryOf = (departement: string) => (departement.length === 2 ? 'FR' : departement);
  const byName = new Map<string, string[]>();
  const byDepartement = new Map<string, CommuneRecord[]>();
  const nameKeys = new Map(communes.map((commune) => [commune.insee, searchKey(commune.name)]));
  for (const commune of communes) {
    if (commune.type !== 'commune-actuelle') continue;
    const key = `${countryOf(commune.departement)}|${nameKeys.get(commune.insee)}`;
    pushTo(byName, key, commune.insee);
    pushTo(byDepartement, commune.departement, commune);
  }

  // Paris, Saint-Barthélemy, Saint-Martin come without a code: match the name, or the only commune.
  function codeByName(place: PlaceRecord): string | undefined {
    const departement = PLACE_COUNTRY_DEPARTEMENTS[place.country];
    if (departement === undefined) return undefined;
    const only = departement === null ? undefined : byDepartement.get(departement);
    if (only?.length === 1) return only[0]?.insee;
    const named = byName.get(`${departement ?? 'FR'}|${searchKey(place.name)}`);
    return named?.length === 1 ? named[0] : undefined;
  }

  const best = new Map<string, Candidate>();
  for (const place of places) {
    let code = place.insee === null ? codeByName(place) : resolve(place.insee);
    if (code === undefined) continue;
    let direct = place.insee === null || place.insee === code;
    const arrondissement = arrondissements.get(arrondissementKey(place.name));
    if (arrondissement !== undefined && byCode.get(arrondissement)?.parent === code) {
      code = arrondissement;
      direct = true;
    }
    const commune = byCode.get(code);
    if (!commune) continue;
    const candidate = { place, direct, sameName: searchKey(place.name) === nameKeys.get(code) };
    const current = best.get(code);
    if (!current || better(candidate, current)) best.set(code, candidate);
  }

  const located = new Map<string, PlacePoint>();
  for (const [code, { place }] of best)
    located.set(code, { lat: place.lat, lon: place.lon, approximate: false });

  const meanOf = (codes: readonly string[]) => {
    const points: Array<{ point: PlacePoint; weight: number }> = [];
    for (const code of codes) {
      const point = located.get(code);
      if (point) points.push({ point, weight: Math.max(byCode.get(code)?.population ?? 0, 1) });
    }
    return weightedMean(points);
  };
  const epciMembers = new Map<string, string[]>();
  for (const [commune, epci] of epciOf) pushTo(epciMembers, epci, commune);
  const epciMeans = new Map([...epciMembers].map(([epci, members]) => [epci, meanOf(members)]));
  const departementMeans = new Map(
    [...byDepartement].map(([departement, members]) => [departement, meanOf(members.map((c) => c.insee))]),
  );

  const estimates = new Map<string, PlacePoint>();
  for (const commune of communes) {
    if (located.has(commune.insee)) continue;
    const city =
      commune.type === 'arrondissement-municipal' && commune.parent ? located.get(commune.parent) : undefined;
    const epci = epciOf.get(commune.insee);
    const estimate =
      (city && { ...city, approximate: true }) ??
      (epci === undefined ? undefined : epciMeans.get(epci)) ??
      departementMeans.get(commune.departement);
    if (!estimate)
      throw new Error(`No position for commune ${commune.insee} ${commune.name}, nor for its neighbours`);
    estimates.set(commune.insee, estimate);
  }
  for (const [code, point] of estimates) located.set(code, point);
  return located;
}
