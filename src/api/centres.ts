import { z } from 'zod';
import type { AppContext } from '../app/app-context.ts';
import { type CentreSearch, findCentres, UnknownPlaceError } from '../search/find-centres.ts';
import {
  departementCode,
  inseeCode,
  integerParam,
  numberParam,
  optional,
  postcode,
  RADIUS_KM,
} from '../search/params.ts';
import { centreJson } from './centre-json.ts';
import { parseQuery } from './query.ts';
import { ApiError, jsonResponse } from './responses.ts';

export const CentresQuery = z
  .strictObject({
    lat: optional(numberParam(-90, 90)),
    lon: optional(numberParam(-180, 180)),
    radius_km: optional(numberParam(RADIUS_KM.min, RADIUS_KM.max)),
    commune: optional(inseeCode),
    postcode: optional(postcode),
    departement: optional(departementCode),
    limit: optional(integerParam(1, 100)),
    offset: optional(integerParam(0, 100_000)),
  })
  .transform((query, ctx): { search: CentreSearch; limit: number; offset: number } | typeof z.NEVER => {
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
    return { search, limit: query.limit ?? 20, offset: query.offset ?? 0 };
  });

/** `GET /api/v1/centres`: centres around a point, a commune, a postcode or in a département, nearest first. */
export function listCentres(app: AppContext, url: URL): Response {
  const { search, limit, offset } = parseQuery(CentresQuery, url.searchParams);
  let result: ReturnType<typeof findCentres>;
  try {
    result = findCentres(app, search);
  } catch (error) {
    if (error instanceof UnknownPlaceError) throw new ApiError(404, error.message);
    throw error;
  }
  const page = result.hits.slice(offset, offset + limit);
  return jsonResponse({
    origin: result.origin,
    radius_km: result.radiusKm,
    total: result.hits.length,
    limit,
    offset,
    centres: page.map((hit) => centreJson(hit.centre, hit.distance_km)),
    registry: app.registry,
  });
}

/** `GET /api/v1/centres/{id}`. */
export function getCentre(app: AppContext, id: string | undefined): Response {
  const centre = id ? app.centres.byId(id) : undefined;
  if (!centre) throw new ApiError(404, `No centre has id "${id ?? ''}".`);
  return jsonResponse({ centre: centreJson(centre), registry: app.registry });
}
