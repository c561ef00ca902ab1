import { hasSlots } from '../availability/public-availability.ts';
import { type RankedHit, rankHits } from './availability-filters.ts';
import { type CentreSearch, findCentres, type SearchResult } from './find-centres.ts';
import { availabilityFilters, keepCentre, type PageFilters } from './page-filters.ts';
import type { SearchSources } from './sources.ts';

/** How far the "nearest centre with slots" look goes when nothing is available nearby. */
export const WIDER_RADIUS_KM = 200;

export interface ResultsView {
  hits: RankedHit[];
  withSlots: number;
  /** The latest check among the place's centres (null before the first poll): "vérifié il y a 2 min". */
  lastCheckedAgeS: number | null;
  /** When none of the hits has slots: the nearest centre that has some, further away; null if none. */
  nearestWithSlots: RankedHit | null;
}

type ResultsApp = Pick<SearchSources, 'gazetteer' | 'centres' | 'availability' | 'now'>;

/** The results page's list: filtered and ordered hits, and what to say when none has slots. */
export function resultsView(
  app: ResultsApp,
  search: CentreSearch,
  result: SearchResult,
  filters: PageFilters,
): ResultsView {
  const now = app.now();
  const wanted = availabilityFilters(filters);
  const hits = listedHits(app, result, filters, now);
  // A centre reserved for health professionals (listed with `pros=1`) never counts as "avec créneaux".
  const withSlots = hits.filter(
    (hit) => hasSlots(hit.availability) && hit.centre.health_professionals_only !== true,
  ).length;
  // Over every centre of the place, filtered out or not: "vérifié il y a 2 min" is about the area.
  const checked = result.hits.flatMap((hit) => {
    const at = app.availability.state(hit.centre.id)?.checked_at;
    return at ? [Date.parse(at)] : [];
  });
  const lastCheckedAgeS =
    checked.length > 0 ? Math.max(0, Math.round((now.getTime() - Math.max(...checked)) / 1000)) : null;
  let nearestWithSlots: RankedHit | null = null;
  if (withSlots === 0) {
    const listed = new Set(result.hits.map((hit) => hit.centre.id));
    const wider = findCentres(app, widen(search, result));
    nearestWithSlots =
      rankHits(wider.hits, app.availability, now, { ...wanted, available: true, sort: 'distance' }).find(
        (hit) => !listed.has(hit.centre.id) && keepCentre(hit.centre, filters),
      ) ?? null;
  }
  return { hits, withSlots, lastCheckedAgeS, nearestWithSlots };
}

/** The hits a results page lists, in its order (also what its map shows: search/markers.ts). */
export function listedHits(
  app: Pick<SearchSources, 'availability'>,
  result: SearchResult,
  filters: PageFilters,
  now: Date,
): RankedHit[] {
  return rankHits(result.hits, app.availability, now, availabilityFilters(filters)).filter((hit) =>
    keepCentre(hit.centre, filters),
  );
}

/** The same place, searched by distance up to WIDER_RADIUS_KM (a département search from its centre). */
function widen(search: CentreSearch, result: SearchResult): CentreSearch {
  if (search.by === 'departement')
    return { by: 'point', lat: result.origin.lat, lon: result.origin.lon, radiusKm: WIDER_RADIUS_KM };
  return { ...search, radiusKm: WIDER_RADIUS_KM };
}
