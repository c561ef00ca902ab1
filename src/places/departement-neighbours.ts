import { around } from 'geokdbush';
import KDBush from 'kdbush';
import type { Commune } from './types.ts';

/** Two communes this close across a border make their départements neighbours. */
const BORDER_KM = 15;
const NEAREST = 24;

/**
 * Départements that touch, from the communes' positions (no boundary file needed): two are
 * neighbours when one's commune has, among its nearest located communes within 15 km, one of the
 * other. Computed once when the gazetteer file is built; a widened search (src/search/widen.ts)
 * reads it. Sorted codes per département, each pair both ways.
 */
export function departementNeighbours(communes: readonly Commune[]): Record<string, string[]> {
  const located = communes.filter((commune) => !commune.location.approximate);
  const pairs = new Map<string, Set<string>>();
  for (const commune of communes) pairs.set(commune.departement, new Set());
  if (located.length === 0) return {};
  const index = new KDBush(located.length);
  for (const commune of located) index.add(commune.location.lon, commune.location.lat);
  index.finish();
  for (const commune of located) {
    const ids = around(index, commune.location.lon, commune.location.lat, NEAREST, BORDER_KM);
    for (const id of ids) {
      const other = located[id as number];
      if (!other || other.departement === commune.departement) continue;
      pairs.get(commune.departement)?.add(other.departement);
      pairs.get(other.departement)?.add(commune.departement);
    }
  }
  return Object.fromEntries(
    [...pairs]
      .map(([code, neighbours]) => [code, [...neighbours].sort()] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
