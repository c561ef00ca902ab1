import { timeZoneOf } from '../geo/time-zone.ts';
import { type AvailabilityFilters, rankHits } from '../search/availability-filters.ts';
import {
  type CentreSearch,
  findCentres,
  type SearchOrigin,
  UnknownPlaceError,
} from '../search/find-centres.ts';
import type { SearchSources } from '../search/sources.ts';
import type { BoardOptions } from './board-query.ts';
import { type BoardRow, boardDays, boardRow } from './board-rows.ts';
import { sortRows } from './board-sort.ts';

/** Which centres a board lists: a whole département, or a commune and a radius. */
export type BoardPlace = { by: 'departement'; code: string } | { by: 'commune'; insee: string };

export interface BoardView {
  place: BoardPlace;
  origin: SearchOrigin;
  radiusKm: number | null;
  /** The place's zone: days and times are read there. */
  timeZone: string;
  days: string[];
  rows: BoardRow[];
  totals: { centres: number; withSlots: number; slots: number; unknown: number };
  /** Seconds since the most recent check among the rows (null before the first poll). */
  lastCheckedAgeS: number | null;
  generatedAt: string;
}

type BoardApp = Pick<SearchSources, 'gazetteer' | 'centres' | 'availability' | 'now'>;

/** The filters the search already knows (slots, dose, platform); phone-only is the board's own. */
export function boardFilters(options: BoardOptions): AvailabilityFilters {
  return {
    ...(options.slotsOnly && { available: true }),
    ...(options.dose && { dose: options.dose }),
    ...(options.platform && { platform: options.platform }),
  };
}

export function filterRows(rows: readonly BoardRow[], options: Pick<BoardOptions, 'phoneOnly'>): BoardRow[] {
  return options.phoneOnly ? rows.filter((row) => row.phoneOnly) : [...rows];
}

/** The board a route asks for: its request (place and options, or why not) and its view. */
export function boardFor(
  app: BoardApp,
  request: { kind: 'ok'; place: BoardPlace; options: BoardOptions } | { kind: 'invalid' | 'not-found' },
): { status: 200 | 400 | 404; view: BoardView | null } {
  if (request.kind !== 'ok') return { status: request.kind === 'invalid' ? 400 : 404, view: null };
  const view = boardView(app, request.place, request.options);
  return { status: view ? 200 : 404, view };
}

/** The board of a place, read from the availability view (never a provider); null for an unknown place. */
export function boardView(app: BoardApp, place: BoardPlace, options: BoardOptions): BoardView | null {
  const search: CentreSearch =
    place.by === 'departement'
      ? { by: 'departement', code: place.code }
      : { by: 'commune', insee: place.insee, radiusKm: options.radiusKm };
  let result: ReturnType<typeof findCentres>;
  try {
    result = findCentres(app, search);
  } catch (error) {
    if (error instanceof UnknownPlaceError) return null;
    throw error;
  }
  const now = app.now();
  const departement =
    place.by === 'departement' ? place.code : (app.gazetteer.commune(place.insee)?.departement ?? null);
  const timeZone = timeZoneOf({ departement, address: { lines: [], postcode: null } });
  const days = boardDays(now, timeZone);
  const ranked = rankHits(result.hits, app.availability, now, boardFilters(options));
  const rows = sortRows(
    filterRows(
      ranked.map((hit) =>
        // A département's distances are from its centroid: no help to anyone, so not shown.
        boardRow(place.by === 'departement' ? { ...hit, distance_km: null } : hit, days),
      ),
      options,
    ),
    options.sort,
    options.direction,
  );
  const ages = rows.flatMap((row) => (row.ageS === null ? [] : [row.ageS]));
  return {
    place,
    origin: result.origin,
    radiusKm: result.radiusKm,
    timeZone,
    days,
    rows,
    totals: {
      centres: rows.length,
      withSlots: rows.filter((row) => row.hasSlots).length,
      slots: rows.reduce((sum, row) => sum + (row.hasSlots ? (row.total ?? 0) : 0), 0),
      unknown: rows.filter((row) => row.state === 'unknown').length,
    },
    lastCheckedAgeS: ages.length > 0 ? Math.min(...ages) : null,
    generatedAt: now.toISOString(),
  };
}
