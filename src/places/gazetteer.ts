import { around } from 'geokdbush';
import KDBush from 'kdbush';
import type { GeoPoint } from '../registry/centre.ts';
import { loadCompactGazetteer } from './compact-gazetteer.ts';
import { decodeGazetteer, encodeGazetteer, type GazetteerColumns } from './gazetteer-columns.ts';
import type { CommuneRecord, GazetteerSources } from './load-communes.ts';
import { loadGazetteerSources } from './load-communes.ts';
import { locateCommunes } from './locate-communes.ts';
import { createPlaceSearch } from './place-search.ts';
import type { Commune, Departement, Gazetteer } from './types.ts';

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

/** The gazetteer over reconciled data, through the same columns as the cache file (tests build small ones). */
export function gazetteerFromData(data: GazetteerData): Gazetteer {
  return gazetteerFromColumns(decodeGazetteer(encodeGazetteer(data)));
}

/**
 * The lookups and the search over the columns. Nothing per commune is held as an object: each
 * answer makes the `Commune` objects it returns, so memory does not grow with the communes searched.
 */
export function gazetteerFromColumns(columns: GazetteerColumns): Gazetteer {
  const { count, departements } = columns;
  const suggest = createPlaceSearch(columns);
  const index = columns.nearby.length > 0 ? new KDBush(columns.nearby.length) : null;
  if (index) {
    for (const row of columns.nearby) index.add(columns.lon[row] as number, columns.lat[row] as number);
    index.finish();
  }
  const departementByCode = new Map(departements.map((departement) => [departement.code, departement]));
  // Every commune as an object only for who asks for them all (the demo generator, the benchmark),
  // and only while one of them holds the list.
  let all: WeakRef<readonly Commune[]> | undefined;
  const communes = (): readonly Commune[] => {
    const known = all?.deref();
    if (known) return known;
    const made = Array.from({ length: count }, (_, row) => columns.communeAt(row));
    all = new WeakRef(made);
    return made;
  };

  return {
    get communes() {
      return communes();
    },
    communeCount: count,
    commune: (insee) => {
      const row = columns.rowOf(insee.trim().toUpperCase());
      return row < 0 ? undefined : columns.communeAt(row);
    },
    communesByPostcode: (postcode) => [...columns.postcodeRowsOf(postcode.trim())].map(columns.communeAt),
    departement: (code) => departementByCode.get(code.trim().toUpperCase()),
    departements: () => departements,
    neighbouringDepartements: (code) => columns.neighbours[code.trim().toUpperCase()] ?? [],
    suggest,
    nearestCommune: (point: GeoPoint) => {
      if (!index) return undefined;
      const [id] = around(index, point.lon, point.lat, 1);
      const row = id === undefined ? undefined : columns.nearby[id];
      return row === undefined ? undefined : columns.communeAt(row);
    },
  };
}

let shared: Gazetteer | undefined;

/**
 * The gazetteer of the installed data packages, loaded on first use and kept: from the columns file
 * (built once by a child process), else built here from the sources.
 */
export function getGazetteer(): Gazetteer {
  shared ??= gazetteerFromColumns(
    loadCompactGazetteer() ?? decodeGazetteer(encodeGazetteer(buildGazetteerData(loadGazetteerSources()))),
  );
  return shared;
}
