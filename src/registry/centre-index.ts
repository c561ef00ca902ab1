import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { distanceKm } from '../geo/distance.ts';
import type { Centre, GeoPoint } from './centre.ts';

export interface CentreHit {
  centre: Centre;
  distance_km: number;
}

export interface NearOptions {
  radiusKm: number;
  limit?: number;
}

/** The registry's centres, indexed once for the lookups a search makes. */
export interface CentreIndex {
  readonly size: number;
  byId(id: string): Centre | undefined;
  /** Located centres within `radiusKm` of `origin`, nearest first (great-circle distance). */
  near(origin: GeoPoint, options: NearOptions): CentreHit[];
  inDepartement(code: string): Centre[];
  inCommune(insee: string): Centre[];
  withPostcode(postcode: string): Centre[];
  all(): readonly Centre[];
}

/**
 * geokdbush measures with a 6371 km radius, `distanceKm` with 6371.0088: search a hair wider,
 * then keep what `distanceKm` puts within the radius, so both answer the same.
 */
const RADIUS_MARGIN = 1.00001;

function group(centres: readonly Centre[], keyOf: (centre: Centre) => string | null): Map<string, Centre[]> {
  const groups = new Map<string, Centre[]>();
  for (const centre of centres) {
    const key = keyOf(centre);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(centre);
    else groups.set(key, [centre]);
  }
  return groups;
}

export function createCentreIndex(centres: readonly Centre[]): CentreIndex {
  const byId = new Map(centres.map((centre) => [centre.id, centre]));
  const located = centres.flatMap((centre) =>
    centre.location ? [{ centre, location: centre.location }] : [],
  );
  const points = new KDBush(located.length);
  for (const { location } of located) points.add(location.lon, location.lat);
  points.finish();

  const byDepartement = group(centres, (centre) => centre.departement);
  const byCommune = group(centres, (centre) => centre.commune.insee);
  const byPostcode = group(centres, (centre) => centre.address.postcode);

  return {
    size: centres.length,
    byId: (id) => byId.get(id),
    near(origin, { radiusKm, limit = Number.POSITIVE_INFINITY }) {
      if (!(radiusKm >= 0) || limit <= 0) return [];
      const ids = around(points, origin.lon, origin.lat, limit, radiusKm * RADIUS_MARGIN);
      const hits: CentreHit[] = [];
      for (const id of ids) {
        const point = located[id];
        if (!point) continue;
        const distance_km = distanceKm(origin, point.location);
        if (distance_km <= radiusKm) hits.push({ centre: point.centre, distance_km });
      }
      return hits.sort((a, b) => a.distance_km - b.distance_km || (a.centre.id < b.centre.id ? -1 : 1));
    },
    inDepartement: (code) => [...(byDepartement.get(code) ?? [])],
    inCommune: (insee) => [...(byCommune.get(insee) ?? [])],
    withPostcode: (postcode) => [...(byPostcode.get(postcode) ?? [])],
    all: () => centres,
  };
}
