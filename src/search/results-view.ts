import { hasSlots } from '../availability/public-availability.ts';
import { type RankedHit, rankHits } from './availability-filters.ts';
import type { CentreSearch, SearchHit, SearchResult } from './find-centres.ts';
import { availabilityFilters, keepCentre, type PageFilters } from './page-filters.ts';
import { RADIUS_KM } from './params.ts';
import type { SearchSources } from './sources.ts';
import { type NoDeadEnd, widenSearch } from './widen.ts';

export interface ResultsView {
  hits: RankedHit[];
  withSlots: number;
  /** The latest check among the place's centres (null before the first poll): "vérifié il y a 2 min". */
  lastCheckedAgeS: number | null;
  /**
   * When the search asked for has no centre, or none with slots: the wider scope listed instead
   * (`hits` are then its centres), the nearest phone numbers, the widest scope looked at (widen.ts).
   */
  noDeadEnd: NoDeadEnd;
  /** The search the list shows: the asked one, or the widened one (what the live refresh re-reads). */
  listedSearch: CentreSearch;
}

type ResultsApp = Pick<SearchSources, 'gazetteer' | 'centres' | 'availability' | 'now'>;

/** What the results page lists for a search: the asked result, widened when it is a dead end. */
export function shownResult(
  app: ResultsApp,
  search: CentreSearch,
  result: SearchResult,
  filters: PageFilters,
): { result: SearchResult; search: CentreSearch; noDeadEnd: NoDeadEnd } {
  const now = app.now();
  const wanted = availabilityFilters(filters);
  const rank = (hit: SearchHit) => rankHits([hit], app.availability, now, wanted)[0];
  const noDeadEnd = widenSearch(app, search, result, {
    keep: (hit) => keepCentre(hit.centre, filters) && rank(hit) !== undefined,
    // A centre reserved for health professionals (listed with `pros=1`) never counts as "avec créneaux".
    hasSlots: (hit) => {
      const ranked = rank(hit);
      return (
        ranked !== undefined && hasSlots(ranked.availability) && hit.centre.health_professionals_only !== true
      );
    },
  });
  const widening = noDeadEnd.widening;
  if (!widening) return { result, search, noDeadEnd };
  const listedSearch: CentreSearch =
    widening.scope.kind === 'radius' && search.by !== 'departement'
      ? { ...search, radiusKm: widening.scope.radiusKm }
      : {
          by: 'point',
          lat: result.origin.lat,
          lon: result.origin.lon,
          radiusKm: Math.min(RADIUS_KM.max, Math.max(1, Math.ceil(widening.farthestKm ?? RADIUS_KM.max))),
        };
  return { result: widening.result, search: listedSearch, noDeadEnd };
}

/** The results page's list: filtered and ordered hits, widened when the search is a dead end. */
export function resultsView(
  app: ResultsApp,
  search: CentreSearch,
  asked: SearchResult,
  filters: PageFilters,
): ResultsView {
  const now = app.now();
  const shown = shownResult(app, search, asked, filters);
  const hits = listedHits(app, shown.result, filters, now);
  // A centre reserved for health professionals (listed with `pros=1`) never counts as "avec créneaux".
  const withSlots = hits.filter(
    (hit) => hasSlots(hit.availability) && hit.centre.health_professionals_only !== true,
  ).length;
  // Over every centre of the place, filtered out or not: "vérifié il y a 2 min" is about the area.
  const checked = shown.result.hits.flatMap((hit) => {
    const at = app.availability.state(hit.centre.id)?.checked_at;
    return at ? [Date.parse(at)] : [];
  });
  const lastCheckedAgeS =
    checked.length > 0 ? Math.max(0, Math.round((now.getTime() - Math.max(...checked)) / 1000)) : null;
  return { hits, withSlots, lastCheckedAgeS, noDeadEnd: shown.noDeadEnd, listedSearch: shown.search };
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
