import { hasSlots } from '../availability/public-availability.ts';
import { DEFAULT_PUBLIC_URL, publicOrigin } from '../config/alert-settings.ts';
import { rankHits } from '../search/availability-filters.ts';
import { findCentres } from '../search/find-centres.ts';
import { pageOf, requestedPage } from '../search/paging.ts';
import type { SearchSources } from '../search/sources.ts';
import { departementParam } from '../shared/departement-param.ts';
import type { ResponseCaching } from '../shared/http.ts';
import { ApiError, type PreparedResponse, preparedJson, sharedCacheControl } from '../shared/http.ts';
import { centreJson } from './centre-json.ts';

type ApiSources = SearchSources & ResponseCaching;

/**
 * Centres per page of a département: about 370 KB of JSON at most (some 1,840 bytes a centre), so a
 * département of 1,600 centres is eight answers rather than one of 3 MB.
 */
export const DEPARTEMENT_PAGE_SIZE = 200;

/**
 * `GET /api/v1/departements/{code}?page=N`: the centres of a département with their availability,
 * DEPARTEMENT_PAGE_SIZE a page in the search's order, and the whole département's totals on every
 * page; the page re-users and town halls poll most, so each page is served from bytes prepared once
 * per data version. `page=` is read as the results page reads it (absent or malformed: the first).
 */
export function departementCentres(app: ApiSources, request: Request, rawCode: string | undefined): Response {
  const page = requestedPage(new URL(request.url).searchParams);
  return preparedJson(request, prepareDepartement(app, rawCode, page), sharedCacheControl(app.pollIntervalS));
}

/** The address of one page of a département, from the public origin (never the request's `Host`). */
export function departementPageUrl(origin: string, code: string, page: number): string {
  return `${origin}/api/v1/departements/${encodeURIComponent(code)}${page > 1 ? `?page=${page}` : ''}`;
}

/** One page of the département answer's bytes for the current data version; 404 past the last page. */
export function prepareDepartement(app: ApiSources, rawCode: string | undefined, page = 1): PreparedResponse {
  const departement = departementParam(app.gazetteer, rawCode);
  const origin = publicOrigin() ?? DEFAULT_PUBLIC_URL;
  const key = `departement/${departement.code}${page > 1 ? `?page=${page}` : ''}|${origin}`;
  return app.responses.get(key, app.availability.version, () => {
    const now = app.now();
    const ranked = rankHits(
      findCentres(app, { by: 'departement', code: departement.code }).hits,
      app.availability,
      now,
    );
    const shown = pageOf(ranked, page, DEPARTEMENT_PAGE_SIZE);
    // Thrown before anything is kept: a page past the end takes no place in the memo.
    if (shown.page !== page)
      throw new ApiError(
        404,
        `Département ${departement.code} has ${shown.pages} page(s) of centres; there is no page ${page}.`,
      );
    const withSlots = ranked.filter((hit) => hasSlots(hit.availability));
    const link = (to: number) => departementPageUrl(origin, departement.code, to);
    return {
      generated_at: now.toISOString(),
      departement: { code: departement.code, name: departement.name },
      totals: {
        centres: ranked.length,
        centres_with_slots: withSlots.length,
        slots: withSlots.reduce((sum, hit) => sum + (hit.availability.slot_count ?? 0), 0),
        centres_unknown: ranked.filter((hit) => hit.availability.status === 'unknown').length,
      },
      paging: {
        page: shown.page,
        pages: shown.pages,
        per_page: DEPARTEMENT_PAGE_SIZE,
        total: shown.total,
        next: shown.page < shown.pages ? link(shown.page + 1) : null,
        prev: shown.page > 1 ? link(shown.page - 1) : null,
      },
      centres: shown.items.map((hit) => centreJson(hit.centre, hit.availability, hit.distance_km)),
      registry: app.registry,
    };
  });
}
