import { hasSlots } from '../availability/public-availability.ts';
import { rankHits } from '../search/availability-filters.ts';
import { findCentres } from '../search/find-centres.ts';
import type { SearchSources } from '../search/sources.ts';
import { departementParam } from '../shared/departement-param.ts';
import type { ResponseCaching } from '../shared/http.ts';
import { type PreparedResponse, preparedJson, sharedCacheControl } from '../shared/http.ts';
import { centreJson } from './centre-json.ts';

type ApiSources = SearchSources & ResponseCaching;

/**
 * `GET /api/v1/departements/{code}`: every centre of a département with its availability and the
 * totals, in one response: the page re-users and town halls poll most, so it is served from bytes
 * prepared once per data version.
 */
export function departementCentres(app: ApiSources, request: Request, rawCode: string | undefined): Response {
  return preparedJson(request, prepareDepartement(app, rawCode), sharedCacheControl(app.pollIntervalS));
}

/** The département answer's bytes for the current data version (also served by the server's fast path). */
export function prepareDepartement(app: ApiSources, rawCode: string | undefined): PreparedResponse {
  const departement = departementParam(app.gazetteer, rawCode);
  return app.responses.get(`departement/${departement.code}`, app.availability.version, () => {
    const now = app.now();
    const ranked = rankHits(
      findCentres(app, { by: 'departement', code: departement.code }).hits,
      app.availability,
      now,
    );
    const withSlots = ranked.filter((hit) => hasSlots(hit.availability));
    return {
      generated_at: now.toISOString(),
      departement: { code: departement.code, name: departement.name },
      totals: {
        centres: ranked.length,
        centres_with_slots: withSlots.length,
        slots: withSlots.reduce((sum, hit) => sum + (hit.availability.slot_count ?? 0), 0),
        centres_unknown: ranked.filter((hit) => hit.availability.status === 'unknown').length,
      },
      centres: ranked.map((hit) => centreJson(hit.centre, hit.availability, hit.distance_km)),
      registry: app.registry,
    };
  });
}
