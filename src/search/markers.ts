import { type MapMarker, mapMarkers } from '../format/map-markers.ts';
import { localeOf, messagesFor } from '../i18n/locale.ts';
import { ApiError } from '../shared/http.ts';
import { pageFiltersKeys } from './page-filters.ts';
import { type PageSearchOutcome, searchFromPage } from './page-search.ts';
import { listedHits, shownResult } from './results-view.ts';
import type { SearchSources } from './sources.ts';

/** More than any map can show usefully; the nearest are kept (the list is in distance order then). */
export const MARKERS_MAX = 2_000;

/** A marker without its page link: the island builds `/centres/{id}` in the page's language. */
export type CompactMarker = Omit<MapMarker, 'href'>;

export interface MarkersJson {
  /** Centres the search lists (all pages). */
  total: number;
  /** True when more than MARKERS_MAX centres matched: the nearest MARKERS_MAX are given. */
  truncated: boolean;
  markers: CompactMarker[];
}

/** The parameters that change the markers: the search, its filters and the language. */
const KEYS = new Set([
  'q',
  'commune',
  'cp',
  'departement',
  'lat',
  'lon',
  'rayon',
  'lang',
  ...pageFiltersKeys,
]);

/** The memo key of a markers query: the same search however its parameters are ordered or padded. */
export function markersKey(params: URLSearchParams): string {
  const kept = [...params]
    .filter(([key, value]) => KEYS.has(key) && value.trim() !== '')
    .map(([key, value]) => [key, value.trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `markers?${new URLSearchParams(kept.map(([k, v]) => [k, v])).toString()}`;
}

type FoundSearch = Extract<PageSearchOutcome, { kind: 'found' }>;

/**
 * `GET /api/v1/markers?<a /recherche query>`: the map of a results page, every centre it lists
 * on any of its pages, as little JSON as the popup needs. The page itself carries only its 20 cards.
 */
export function markersSearch(
  app: Pick<SearchSources, 'gazetteer' | 'centres'>,
  params: URLSearchParams,
): FoundSearch {
  const outcome = searchFromPage(app, params);
  if (outcome.kind === 'empty')
    throw new ApiError(400, 'give a place: commune, cp, departement, lat+lon or q');
  if (outcome.kind === 'invalid') throw new ApiError(400, outcome.message);
  if (outcome.kind === 'not-found') throw new ApiError(404, outcome.message);
  if (outcome.kind === 'around-me')
    throw new ApiError(400, 'give a position (lat+lon): "autour de moi" is answered by the browser');
  return outcome;
}

/** The markers of a search found by `markersSearch`, in the language of `params`. */
export function searchMarkers(
  app: Pick<SearchSources, 'gazetteer' | 'centres' | 'availability' | 'now'>,
  outcome: FoundSearch,
  params: URLSearchParams,
): MarkersJson {
  // The list the page shows: widened when the search asked for is a dead end (widen.ts).
  const shown = shownResult(app, outcome.search, outcome.result, outcome.filters).result;
  const hits = listedHits(app, shown, outcome.filters, app.now());
  // Nearest first whatever the list's order, so a cut keeps the ones around the place.
  const located = hits
    .filter((hit) => hit.centre.location)
    .sort(
      (a, b) => (a.distance_km ?? Number.POSITIVE_INFINITY) - (b.distance_km ?? Number.POSITIVE_INFINITY),
    );
  const kept = located.slice(0, MARKERS_MAX);
  const markers = mapMarkers(kept, messagesFor(localeOf(params))).map(({ href: _href, ...marker }) => ({
    ...marker,
    lat: Math.round(marker.lat * 1e5) / 1e5,
    lon: Math.round(marker.lon * 1e5) / 1e5,
  }));
  return { total: hits.length, truncated: located.length > MARKERS_MAX, markers };
}

/** Where a results page's map reads its markers: the same search, whatever page is shown. */
export function markersHref(params: URLSearchParams): string {
  const kept = new URLSearchParams([...params].filter(([key]) => KEYS.has(key)));
  return `/api/v1/markers?${kept.toString()}`;
}
