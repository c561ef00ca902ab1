import { z } from 'zod';
import { publicAvailability } from '../availability/public-availability.ts';
import { BookingPlatform } from '../registry/centre.ts';
import { DoseFilter, rankHits, SortOrder } from '../search/availability-filters.ts';
import { type CentreSearch, findCentres, UnknownPlaceError } from '../search/find-centres.ts';
import { inseeCode, integerParam, numberParam, optional, postcode, RADIUS_KM } from '../search/params.ts';
import type { SearchSources } from '../search/sources.ts';
import { departementCode } from '../shared/departement-param.ts';
import type { ResponseCaching } from '../shared/http.ts';
import { ApiError, preparedJson, sharedCacheControl } from '../shared/http.ts';
import { centreJson } from './centre-json.ts';
import { parseQuery } from './query.ts';

type ApiSources = SearchSources & ResponseCaching;

const booleanParam = z
  .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1');

export const CentresQuery = z
  .strictObject({
    lat: optional(numberParam(-90, 90)),
    lon: optional(numberParam(-180, 180)),
    radius_km: optional(numberParam(RADIUS_KM.min, RADIUS_KM.max)),
    commune: optional(inseeCode),
    postcode: optional(postcode),
    departement: optional(departementCode),
    available: optional(booleanParam),
    dose: optional(DoseFilter),
    vaccine: optional(z.string().trim().min(1).max(60)),
    platform: optional(BookingPlatform),
    sort: optional(SortOrder),
    limit: optional(integerParam(1, 100)),
    offset: optional(integerParam(0, 100_000)),
  })
  .transform((query, ctx) => {
    const hasPoint = query.lat !== undefined || query.lon !== undefined;
    const given = [hasPoint, query.commune, query.postcode, query.departement].filter(
      (v) => v !== undefined && v !== false,
    );
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of lat+lon, commune, postcode or departement',
      });
      return z.NEVER;
    }
    if (hasPoint && (query.lat === undefined || query.lon === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'lat and lon go together',
        path: [query.lat === undefined ? 'lat' : 'lon'],
      });
      return z.NEVER;
    }
    if (query.departement !== undefined && query.radius_km !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'a département search covers the whole département: drop radius_km',
        path: ['radius_km'],
      });
      return z.NEVER;
    }
    const radiusKm = query.radius_km ?? RADIUS_KM.default;
    const search: CentreSearch =
      query.lat !== undefined && query.lon !== undefined
        ? { by: 'point', lat: query.lat, lon: query.lon, radiusKm }
        : query.commune !== undefined
          ? { by: 'commune', insee: query.commune, radiusKm }
          : query.postcode !== undefined
            ? { by: 'postcode', postcode: query.postcode, radiusKm }
            : { by: 'departement', code: query.departement ?? '' };
    const filters = {
      ...(query.available !== undefined && { available: query.available }),
      ...(query.dose !== undefined && { dose: query.dose }),
      ...(query.vaccine !== undefined && { vaccine: query.vaccine }),
      ...(query.platform !== undefined && { platform: query.platform }),
      ...(query.sort !== undefined && { sort: query.sort }),
    };
    return { search, filters, limit: query.limit ?? 20, offset: query.offset ?? 0 };
  });

function runSearch(app: ApiSources, search: CentreSearch) {
  try {
    return findCentres(app, search);
  } catch (error) {
    if (error instanceof UnknownPlaceError) throw new ApiError(404, error.message);
    throw error;
  }
}

/** `GET /api/v1/centres`: centres around a point, a commune, a postcode or in a département, with availability. */
export function listCentres(app: ApiSources, request: Request, url: URL): Response {
  const { search, filters, limit, offset } = parseQuery(CentresQuery, url.searchParams);
  // Validated first, so only well-formed queries take a place in the memo; the key is canonical.
  const key = `centres?${[...url.searchParams]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')}`;
  const prepared = app.responses.get(key, app.availability.version, () => {
    const result = runSearch(app, search);
    const now = app.now();
    const ranked = rankHits(result.hits, app.availability, now, filters);
    return {
      generated_at: now.toISOString(),
      origin: result.origin,
      radius_km: result.radiusKm,
      total: ranked.length,
      limit,
      offset,
      centres: ranked
        .slice(offset, offset + limit)
        .map((hit) => centreJson(hit.centre, hit.availability, hit.distance_km)),
      registry: app.registry,
    };
  });
  return preparedJson(request, prepared, sharedCacheControl(app.pollIntervalS));
}

/** `GET /api/v1/centres/{id}`. */
export function getCentre(
  app: Pick<SearchSources, 'centres' | 'availability' | 'registry' | 'now'> & ResponseCaching,
  request: Request,
  id: string | undefined,
): Response {
  const centre = id ? app.centres.byId(id) : undefined;
  if (!centre) throw new ApiError(404, `No centre has id "${id ?? ''}".`);
  const prepared = app.responses.get(`centre/${centre.id}`, app.availability.version, () => {
    const now = app.now();
    return {
      generated_at: now.toISOString(),
      centre: centreJson(centre, publicAvailability(app.availability.state(centre.id), now)),
      registry: app.registry,
    };
  });
  return preparedJson(request, prepared, sharedCacheControl(app.pollIntervalS));
}
