import { searchKey } from '../../places/normalise.ts';
import type { Commune, Gazetteer } from '../../places/types.ts';

/** The part of the gazetteer the importer needs: tests pass a small hand-written one. */
export type CommuneLookup = Pick<Gazetteer, 'commune' | 'communesByPostcode'>;

export interface CommuneQuery {
  insee: string | null;
  postcode: string | null;
  name: string | null;
}

export interface FoundCommune {
  commune: Commune;
  /** How it was found: old INSEE codes of merged communes are unknown to the gazetteer. */
  by: 'insee' | 'postcode' | 'name';
}

/** The commune a row names: by INSEE code, else the postcode's only commune, else a name match within it. */
export function findCommune(lookup: CommuneLookup, query: CommuneQuery): FoundCommune | null {
  const byInsee = query.insee ? lookup.commune(query.insee) : undefined;
  if (byInsee) return { commune: byInsee, by: 'insee' };
  if (!query.postcode) return null;
  const candidates = lookup.communesByPostcode(query.postcode);
  const [only] = candidates;
  if (only && candidates.length === 1) return { commune: only, by: 'postcode' };
  if (!query.name) return null;
  const wanted = searchKey(query.name);
  const named = candidates.filter((commune) => searchKey(commune.name) === wanted);
  const [match] = named;
  return match && named.length === 1 ? { commune: match, by: 'name' } : null;
}
