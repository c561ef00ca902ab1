import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import { rankHits } from '../search/availability-filters.ts';
import { searchFromPage } from '../search/page-search.ts';
import type { SearchSources } from '../search/sources.ts';
import type { ResponseCaching } from '../shared/http.ts';
import { csvResponse, sharedCacheControl } from '../shared/http.ts';
import { localDate } from '../shared/time.ts';
import { centresCsv } from './centres-csv.ts';
import { communeSheet } from './commune-sheet.ts';
import { inseeParam, type SheetQuery } from './sheet-query.ts';

type ExportApp = Pick<SearchSources, 'gazetteer' | 'centres' | 'availability' | 'now'> &
  Pick<ResponseCaching, 'pollIntervalS'>;

function plainText(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

function dateStamp(now: Date): string {
  return localDate(now.getTime(), DEFAULT_TIME_ZONE);
}

/** `GET /communes/{insee}.csv`: every centre the sheet lists (also those beyond the printed few). */
export function communeCsv(
  app: ExportApp,
  rawInsee: string | undefined,
  query: SheetQuery,
  origin: string,
): Response {
  const insee = inseeParam(rawInsee);
  const now = app.now();
  const sheet = insee
    ? communeSheet(app, insee, { ...query, accompagnant: false, listed: Number.POSITIVE_INFINITY, now })
    : null;
  if (!sheet) return plainText(404, 'Aucune commune n’a ce code INSEE.');
  const rows = sheet.entries.map((entry) => ({ ...entry, distance: entry.distanceKm }));
  return csvResponse(
    centresCsv(rows, origin, { approximate: sheet.approximate }),
    `centres-vaccination-${sheet.commune.name}-${sheet.commune.insee}-${dateStamp(now)}.csv`,
    sharedCacheControl(app.pollIntervalS),
  );
}

/** `GET /recherche.csv?…`: the same parameters and centres as the `/recherche` page. */
export function searchCsv(app: ExportApp, params: URLSearchParams, origin: string): Response {
  const outcome = searchFromPage(app, params);
  if (outcome.kind === 'empty')
    return plainText(400, 'Indiquez une commune, un code postal, un département ou une position.');
  if (outcome.kind === 'invalid') return plainText(400, outcome.message);
  if (outcome.kind === 'not-found') return plainText(404, outcome.message);
  if (outcome.kind === 'around-me')
    return plainText(
      400,
      'Indiquez une position (lat et lon) : « autour de moi » se cherche depuis le navigateur.',
    );
  const now = app.now();
  const ranked = rankHits(outcome.result.hits, app.availability, now);
  const rows = ranked.map((hit) => ({ ...hit, distance: hit.distance_km }));
  return csvResponse(
    centresCsv(rows, origin, { approximate: outcome.result.origin.approximate }),
    `centres-vaccination-${outcome.result.origin.label}-${dateStamp(now)}.csv`,
    sharedCacheControl(app.pollIntervalS),
  );
}
