import { around } from 'geokdbush';
import KDBush from 'kdbush';
import type { GeoPoint } from '../registry/centre.ts';
import { loadCompactGazetteer } from './compact-gazetteer.ts';
import type { CommuneRecord, GazetteerSources } from './load-communes.ts';
import { loadGazetteerSources } from './load-communes.ts';
import { locateCommunes, pushTo } from './locate-communes.ts';
import { createPlaceSearch } from './place-search.ts';
import type { Commune, Departement, Gazetteer } from './types.ts';

function byPopulation(a: Commune, b: Commune): number {
  return b.population - a.population || a.insee.localeCompare(b.insee);
}

/**
 * What the gazetteer is made of once its sources are reconciled: current communes and the
 * arrondissements of Paris, Lyon and Marseille are communes; a commune déléguée or associée, or a
 * merged commune's former code, is an alias of the commune it now belongs to. This is what
 * `compact-gazetteer.ts` stores, so that a process builds it from the 10 MB of sources only once.
 */
export interface GazetteerData {
  communes: Commune[];
  departements: Departement[];
  /** Former or delegated code → current commune code. */
  aliases: Map<string, string>;
}

export function buildGazetteerData(sources: GazetteerSources): GazetteerData {
  const current = sources.communes.filter(
    (record) => record.type === 'commune-actuelle' || record.type === 'arrondissement-municipal',
  );
  const currentCodes = new Set(current.map((record) => record.insee));
  const aliases = new Map<string, string>();
  for (const record of sources.communes) {
    if (record.type !== 'commune-deleguee' && record.type !== 'commune-associee') continue;
    if (record.parent !== null && currentCodes.has(record.parent)) aliases.set(record.insee, record.parent);
  }
  for (const record of current) {
    for (const former of record.formerCodes) if (!currentCodes.has(former)) aliases.set(former, record.insee);
  }
  const resolve = (insee: string) => (currentCodes.has(insee) ? insee : aliases.get(insee));

  const epciOf = new Map<string, string>();
  for (const epci of sources.epcis) for (const member of epci.members) epciOf.set(member, epci.code);
  // Arrondissements are not EPCI members: their city is.
  const epciOfCommune = (record: CommuneRecord) =>
    epciOf.get(record.insee) ?? (record.parent !== null ? epciOf.get(record.parent) : undefined) ?? null;

  const locations = locateCommunes({ communes: current, places: sources.places, resolve, epciOf });
  const communes: Commune[] = current.map((record) => {
    const location = locations.get(record.insee);
    if (!location) throw new Error(`Commune ${record.insee} was not located`);
    return {
      insee: record.insee,
      name: record.name,
      postcodes: [...record.postcodes].sort(),
      departement: record.departement,
      region: record.region,
      epci: epciOfCommune(record),
      population: record.population ?? 0,
      location,
      ...(record.type === 'arrondissement-municipal' && record.parent !== null
        ? { arrondissementOf: record.parent }
        : {}),
    };
  });
  const communeByCode = new Map(communes.map((commune) => [commune.insee, commune]));
  const departements: Departement[] = sources.departements.map((record) => {
    const chefLieu = communeByCode.get(record.chefLieu);
    if (!chefLieu)
      throw new Error(`Chef-lieu ${record.chefLieu} of département ${record.code} is not a commune`);
    return { code: record.code, name: record.name, chefLieu: record.chefLieu, location: chefLieu.location };
  });
  return { communes, departements, aliases };
}

/** The gazetteer over given sources (tests give small made-up ones). */
export function createGazetteer(sources: GazetteerSources): Gazetteer {
  return gazetteerFromData(buildGazetteerData(sources));
}

/** The indexes and the search over reconciled data: built in every process, from the compact file. */
export function gazetteerFromData({ communes, departements, aliases }: GazetteerData): Gazetteer {
  const resolve = (insee: string) => (communeByCode.has(insee) ? insee : aliases.get(insee));
  const communeByCode = new Map(communes.map((commune) => [commune.insee, commune]));

  const cities = new Set(
    communes.flatMap((commune) => (commune.arrondissementOf ? [commune.arrondissementOf] : [])),
  );
  const postcodeMap = new Map<string, Commune[]>();
  for (const commune of communes) {
    for (const postcode of commune.postcodes) pushTo(postcodeMap, postcode, commune);
  }
  // A postcode of Paris, Lyon or Marseille names an arrondissement more precisely than the city.
  for (const list of postcodeMap.values()) {
    list.sort((a, b) => Number(cities.has(a.insee)) - Number(cities.has(b.insee)) || byPopulation(a, b));
  }

  const departementPopulation = new Map<string, number>();
  for (const commune of communes) {
    if (commune.arrondissementOf) continue;
    departementPopulation.set(
      commune.departement,
      (departementPopulation.get(commune.departement) ?? 0) + commune.population,
    );
  }
  const departementByCode = new Map(departements.map((departement) => [departement.code, departement]));

  const communesByPostcode = (postcode: string) => [...(postcodeMap.get(postcode.trim()) ?? [])];
  const suggest = createPlaceSearch({
    communes,
    departements,
    communesByPostcode,
    departementPopulation: (code) => departementPopulation.get(code) ?? 0,
  });

  // Nearest among communes whose point a source gave: an estimated point may sit anywhere in its
  // EPCI. Cities split into arrondissements answer through their arrondissements when these are located.
  const nearby = communes.filter(
    (commune) =>
      !commune.location.approximate &&
      !(
        cities.has(commune.insee) &&
        communes.some((c) => c.arrondissementOf === commune.insee && !c.location.approximate)
      ),
  );
  const index = new KDBush(nearby.length);
  for (const commune of nearby) index.add(commune.location.lon, commune.location.lat);
  index.finish();

  return {
    communes,
    commune: (insee) => {
      const code = resolve(insee.trim().toUpperCase());
      return code === undefined ? undefined : communeByCode.get(code);
    },
    communesByPostcode,
    departement: (code) => departementByCode.get(code.trim().toUpperCase()),
    departements: () => departements,
    suggest,
    nearestCommune: (point: GeoPoint) => {
      const [id] = around(index, point.lon, point.lat, 1);
      return id === undefined ? undefined : nearby[id];
    },
  };
}

let shared: Gazetteer | undefined;

/**
 * The gazetteer of the installed data packages, loaded on first use and kept: from the compact file
 * (built once by a child process), else built here from the sources.
 */
export function getGazetteer(): Gazetteer {
  shared ??= gazetteerFromData(loadCompactGazetteer() ?? buildGazetteerData(loadGazetteerSources()));
  return shared;
}
