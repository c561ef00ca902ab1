import { forgivingSearch } from './forgiving-search.ts';
import { searchKey } from './normalise.ts';
import type { Commune, Departement, PlaceSuggestion } from './types.ts';

export interface PlaceSearchInput {
  communes: readonly Commune[];
  departements: readonly Departement[];
  /** Communes of a postcode, best first. */
  communesByPostcode: (postcode: string) => Commune[];
  departementPopulation: (code: string) => number;
}

type Target =
  | { kind: 'commune'; commune: Commune; population: number }
  | { kind: 'departement'; departement: Departement; population: number };

interface Hit {
  /** 0 exact name or code, 1 name prefix or postcode prefix, 2 prefix of a later word of the name. */
  tier: 0 | 1 | 2;
  target: Target;
  /** For a postcode hit: the commune's postcodes that match. */
  postcodes?: string[];
}

interface NameEntry {
  key: string;
  target: Target;
  wholeName: boolean;
}

/** Words a later-word search should not start on: "de" would otherwise match half of France. */
const LINKING_WORDS = new Set([
  'a',
  'au',
  'aux',
  'd',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'sous',
  'sur',
]);

const DEPARTEMENT_QUERY = /^(\d{2}|2[AB]|97\d)$/;

/** First index whose key is >= `key` in a sorted array. */
function lowerBound<T>(sorted: readonly T[], key: string, keyOf: (item: T) => string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keyOf(sorted[middle] as T) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

function postcodeList(postcodes: readonly string[], departement: string): string {
  return postcodes.length > 0 && postcodes.length <= 3 ? postcodes.join(', ') : departement;
}

function toSuggestion(hit: Hit): PlaceSuggestion {
  const { target } = hit;
  if (target.kind === 'departement') {
    const { departement } = target;
    return {
      kind: 'departement',
      label: `${departement.name} (${departement.code})`,
      name: departement.name,
      insee: null,
      postcodes: [],
      departement: departement.code,
      location: departement.location,
    };
  }
  const { commune } = target;
  const common = {
    name: commune.name,
    insee: commune.insee,
    departement: commune.departement,
    location: commune.location,
  };
  if (hit.postcodes) {
    const [only, ...others] = hit.postcodes;
    const label =
      only !== undefined && others.length === 0
        ? `${only} ${commune.name}`
        : `${commune.name} (${postcodeList(hit.postcodes, commune.departement)})`;
    return { kind: 'postcode', label, postcodes: hit.postcodes, ...common };
  }
  const label = `${commune.name} (${postcodeList(commune.postcodes, commune.departement)})`;
  return { kind: 'commune', label, postcodes: commune.postcodes, ...common };
}

function compareHits(a: Hit, b: Hit): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.target.population !== b.target.population) return b.target.population - a.target.population;
  if (a.target.kind !== b.target.kind) return a.target.kind === 'commune' ? -1 : 1;
  return 0;
}

/** Builds `Gazetteer.suggest`: names and codes sorted once, each query a binary search. */
export function createPlaceSearch(
  input: PlaceSearchInput,
): (query: string, limit?: number) => PlaceSuggestion[] {
  const targets: Target[] = [
    ...input.communes.map(
      (commune): Target => ({ kind: 'commune', commune, population: commune.population }),
    ),
    ...input.departements.map(
      (departement): Target => ({
        kind: 'departement',
        departement,
        population: input.departementPopulation(departement.code),
      }),
    ),
  ];
  const names: NameEntry[] = [];
  for (const target of targets) {
    const key = searchKey(target.kind === 'commune' ? target.commune.name : target.departement.name);
    names.push({ key, target, wholeName: true });
    const words = key.split(' ');
    for (let i = 1; i < words.length; i++) {
      if (!LINKING_WORDS.has(words[i] ?? ''))
        names.push({ key: words.slice(i).join(' '), target, wholeName: false });
    }
  }
  names.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const postcodes = [...new Set(input.communes.flatMap((commune) => commune.postcodes))].sort();
  const departementTargets = new Map(
    targets.flatMap((target) =>
      target.kind === 'departement' ? [[target.departement.code, target] as const] : [],
    ),
  );

  function byName(key: string): Hit[] {
    const best = new Map<Target, Hit>();
    for (let i = lowerBound(names, key, (entry) => entry.key); i < names.length; i++) {
      const entry = names[i] as NameEntry;
      if (!entry.key.startsWith(key)) break;
      const tier = !entry.wholeName ? 2 : entry.key === key ? 0 : 1;
      const current = best.get(entry.target);
      if (!current || tier < current.tier) best.set(entry.target, { tier, target: entry.target });
    }
    return [...best.values()];
  }

  function byPostcodePrefix(prefix: string): Hit[] {
    const matches = new Map<Commune, string[]>();
    for (let i = lowerBound(postcodes, prefix, (postcode) => postcode); i < postcodes.length; i++) {
      const postcode = postcodes[i] as string;
      if (!postcode.startsWith(prefix)) break;
      for (const commune of input.communesByPostcode(postcode)) {
        const codes = matches.get(commune);
        if (codes) codes.push(postcode);
        else matches.set(commune, [postcode]);
      }
    }
    return [...matches].map(([commune, codes]) => ({
      tier: 1,
      target: { kind: 'commune', commune, population: commune.population },
      postcodes: codes,
    }));
  }

  const exact = (query: string, limit = 10): PlaceSuggestion[] => {
    const compact = query.replace(/\s+/g, '').toUpperCase();
    if (compact.length === 0 || limit <= 0) return [];
    if (/^\d{5}$/.test(compact)) {
      return input
        .communesByPostcode(compact)
        .slice(0, limit)
        .map((commune) =>
          toSuggestion({
            tier: 0,
            target: { kind: 'commune', commune, population: commune.population },
            postcodes: [compact],
          }),
        );
    }
    const hits: Hit[] = [];
    const departement = DEPARTEMENT_QUERY.test(compact) ? departementTargets.get(compact) : undefined;
    if (departement) hits.push({ tier: 0, target: departement });
    if (/^\d{1,4}$/.test(compact)) hits.push(...byPostcodePrefix(compact));
    const key = searchKey(query);
    if (/[a-z]/.test(key)) hits.push(...byName(key));
    return hits.sort(compareHits).slice(0, limit).map(toSuggestion);
  };

  return forgivingSearch(exact, {
    communes: input.communes,
    communesByPostcode: input.communesByPostcode,
    suggestion: (commune, postcode) => {
      const target: Target = { kind: 'commune', commune, population: commune.population };
      return toSuggestion(postcode ? { tier: 0, target, postcodes: [postcode] } : { tier: 0, target });
    },
  });
}
