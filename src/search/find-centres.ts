import { distanceKm } from '../geo/distance.ts';
import type { Centre, GeoPoint } from '../registry/centre.ts';
import type { SearchSources } from './sources.ts';

/** Where a search is centred, and how the person named it. */
export type CentreSearch =
  | { by: 'point'; lat: number; lon: number; radiusKm: number }
  | { by: 'commune'; insee: string; radiusKm: number }
  | { by: 'postcode'; postcode: string; radiusKm: number }
  | { by: 'departement'; code: string };

export interface SearchOrigin extends GeoPoint {
  label: string;
  approximate: boolean;
}

export interface SearchHit {
  centre: Centre;
  /** Null for a centre without coordinates, listed because it is in the commune, postcode or département asked for. */
  distance_km: number | null;
}

export interface SearchResult {
  origin: SearchOrigin;
  /** Radius used, or null for a whole département. */
  radiusKm: number | null;
  hits: SearchHit[];
}

/** Thrown when the place asked for does not exist (well-formed, but unknown). */
export class UnknownPlaceError extends Error {}

/** Centres around a place, nearest first (those without coordinates last), every match included. */
export function findCentres(
  app: Pick<SearchSources, 'gazetteer' | 'centres'>,
  search: CentreSearch,
): SearchResult {
  const { gazetteer, centres } = app;
  switch (search.by) {
    case 'point': {
      const origin = { lat: search.lat, lon: search.lon, label: 'position', approximate: false };
      const nearest = gazetteer.nearestCommune(origin);
      if (nearest) origin.label = nearest.name;
      return around(app, origin, search.radiusKm, []);
    }
    case 'commune': {
      const commune = gazetteer.commune(search.insee);
      if (!commune) throw new UnknownPlaceError(`No commune has INSEE code ${search.insee}.`);
      const origin = { ...commune.location, label: commune.name };
      return around(app, origin, search.radiusKm, centres.inCommune(commune.insee));
    }
    case 'postcode': {
      const communes = gazetteer.communesByPostcode(search.postcode);
      if (communes.length === 0) throw new UnknownPlaceError(`No commune has postcode ${search.postcode}.`);
      const origin = {
        ...populationCentre(communes),
        label: `${search.postcode} ${communes.map((c) => c.name).join(', ')}`,
      };
      return around(app, origin, search.radiusKm, centres.withPostcode(search.postcode));
    }
    case 'departement': {
      const departement = gazetteer.departement(search.code);
      if (!departement) throw new UnknownPlaceError(`No département has code ${search.code}.`);
      const origin = { ...departement.location, label: `${departement.name} (${departement.code})` };
      const hits = centres.inDepartement(departement.code).map((centre) => hitFrom(origin, centre));
      return { origin, radiusKm: null, hits: sortHits(hits) };
    }
  }
}

function around(
  app: Pick<SearchSources, 'centres'>,
  origin: SearchOrigin,
  radiusKm: number,
  alsoIncluded: readonly Centre[],
): SearchResult {
  const hits: SearchHit[] = app.centres.near(origin, { radiusKm });
  const seen = new Set(hits.map((hit) => hit.centre.id));
  for (const centre of alsoIncluded) if (!seen.has(centre.id)) hits.push(hitFrom(origin, centre));
  return { origin, radiusKm, hits: sortHits(hits) };
}

function hitFrom(origin: GeoPoint, centre: Centre): SearchHit {
  return { centre, distance_km: centre.location ? distanceKm(origin, centre.location) : null };
}

function sortHits(hits: SearchHit[]): SearchHit[] {
  return hits.sort(
    (a, b) =>
      (a.distance_km ?? Number.POSITIVE_INFINITY) - (b.distance_km ?? Number.POSITIVE_INFINITY) ||
      a.centre.name.localeCompare(b.centre.name, 'fr'),
  );
}

function populationCentre(
  communes: readonly { population: number; location: GeoPoint & { approximate: boolean } }[],
): GeoPoint & { approximate: boolean } {
  const weight = (population: number) => Math.max(population, 1);
  const total = communes.reduce((sum, c) => sum + weight(c.population), 0);
  return {
    lat: communes.reduce((sum, c) => sum + c.location.lat * weight(c.population), 0) / total,
    lon: communes.reduce((sum, c) => sum + c.location.lon * weight(c.population), 0) / total,
    approximate: communes.some((c) => c.location.approximate),
  };
}

/** The `/api/v1/centres` query string for a search: what the page's live refresh asks for. */
export function apiQueryFor(search: CentreSearch): URLSearchParams {
  switch (search.by) {
    case 'point':
      return new URLSearchParams({
        lat: String(search.lat),
        lon: String(search.lon),
        radius_km: String(search.radiusKm),
      });
    case 'commune':
      return new URLSearchParams({ commune: search.insee, radius_km: String(search.radiusKm) });
    case 'postcode':
      return new URLSearchParams({ postcode: search.postcode, radius_km: String(search.radiusKm) });
    case 'departement':
      return new URLSearchParams({ departement: search.code });
  }
}
