import { forgivingSearch } from './forgiving-search.ts';
import type { GazetteerColumns } from './gazetteer-columns.ts';
import { searchKey } from './normalise.ts';
import type { PlaceSuggestion } from './types.ts';

/**
 * A search target: a commune's row, or the gazetteer's commune count plus a département's position.
 * Hits carry numbers, never objects: a `PlaceSuggestion` is made only for the hits returned.
 */
type Target = number;

interface Hit {
  /** 0 exact name or code, 1 name prefix or postcode prefix, 2 prefix of a later word of the name. */
  tier: 0 | 1 | 2;
  target: Target;
  /** For a postcode hit: the commune's postcodes that match. */
  postcodes?: string[];
}

const DEPARTEMENT_QUERY = /^(\d{2}|2[AB]|97\d)$/;

function postcodeList(postcodes: readonly string[], departement: string): string {
  return postcodes.length > 0 && postcodes.length <= 3 ? postcodes.join(', ') : departement;
}

/** Builds `Gazetteer.suggest` over the columns: names and codes were sorted when the file was built, each query a binary search. */
export function createPlaceSearch(
  columns: GazetteerColumns,
): (query: string, limit?: number) => PlaceSuggestion[] {
  const { count, departements } = columns;
  const departementPopulation = new Map<string, number>();
  for (let row = 0; row < count; row++) {
    if ((columns.arrondissementOf[row] as number) >= 0) continue;
    const code = columns.string(columns.departement[row] as number);
    departementPopulation.set(
      code,
      (departementPopulation.get(code) ?? 0) + (columns.population[row] as number),
    );
  }
  const departementPopulations = Float64Array.from(
    departements,
    (d) => departementPopulation.get(d.code) ?? 0,
  );
  const population = (target: Target) =>
    target < count
      ? (columns.population[target] as number)
      : (departementPopulations[target - count] as number);
  const departementTargets = new Map(departements.map((d, i) => [d.code, count + i]));

  function toSuggestion(hit: Hit): PlaceSuggestion {
    const { target } = hit;
    if (target >= count) {
      const departement = departements[target - count];
      if (!departement) throw new Error(`place search: no département ${target - count}`);
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
    const commune = columns.communeAt(target);
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
    const pa = population(a.target);
    const pb = population(b.target);
    if (pa !== pb) return pb - pa;
    const communeA = a.target < count;
    if (communeA !== b.target < count) return communeA ? -1 : 1;
    return 0;
  }

  function byName(key: string): Hit[] {
    const best = new Map<Target, Hit>();
    for (let i = columns.keyLowerBound(key); i < columns.keyStart.length; i++) {
      const match = columns.keyMatch(i, key);
      if (match === 'none') break;
      const target = columns.keyTarget[i] as number;
      const tier = columns.keyWhole[i] !== 1 ? 2 : match === 'exact' ? 0 : 1;
      const current = best.get(target);
      if (!current || tier < current.tier) best.set(target, { tier, target });
    }
    return [...best.values()];
  }

  function byPostcodePrefix(prefix: string): Hit[] {
    const matches = new Map<Target, string[]>();
    for (let i = columns.postcodeLowerBound(prefix); i < columns.postcode.length; i++) {
      const postcode = columns.string(columns.postcode[i] as number);
      if (!postcode.startsWith(prefix)) break;
      for (const row of columns.postcodeRows.subarray(
        columns.postcodeStart[i],
        columns.postcodeStart[i + 1],
      )) {
        const codes = matches.get(row);
        if (codes) codes.push(postcode);
        else matches.set(row, [postcode]);
      }
    }
    return [...matches].map(([target, codes]) => ({ tier: 1, target, postcodes: codes }));
  }

  const exact = (query: string, limit = 10): PlaceSuggestion[] => {
    const compact = query.replace(/\s+/g, '').toUpperCase();
    if (compact.length === 0 || limit <= 0) return [];
    if (/^\d{5}$/.test(compact)) {
      return [...columns.postcodeRowsOf(compact).subarray(0, limit)].map((target) =>
        toSuggestion({ tier: 0, target, postcodes: [compact] }),
      );
    }
    const hits: Hit[] = [];
    const departement = DEPARTEMENT_QUERY.test(compact) ? departementTargets.get(compact) : undefined;
    if (departement !== undefined) hits.push({ tier: 0, target: departement });
    if (/^\d{1,4}$/.test(compact)) hits.push(...byPostcodePrefix(compact));
    const key = searchKey(query);
    if (/[a-z]/.test(key)) hits.push(...byName(key));
    return hits.sort(compareHits).slice(0, limit).map(toSuggestion);
  };

  return forgivingSearch(exact, {
    columns,
    suggestion: (row, postcode) =>
      toSuggestion(postcode ? { tier: 0, target: row, postcodes: [postcode] } : { tier: 0, target: row }),
  });
}
