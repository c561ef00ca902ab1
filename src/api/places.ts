import { z } from 'zod';
import { integerParam, optional } from '../search/params.ts';
import type { SearchSources } from '../search/sources.ts';
import { jsonResponse } from '../shared/http.ts';
import { parseQuery } from './query.ts';

const PlacesQuery = z.strictObject({
  q: z.string({ error: 'q is required' }).trim().min(1, 'q must not be empty').max(100, 'q is too long'),
  limit: optional(integerParam(1, 20)),
});

/** `GET /api/v1/places?q=`: autocomplete over communes, postcodes and départements. */
export function suggestPlaces(app: Pick<SearchSources, 'gazetteer'>, url: URL): Response {
  const { q, limit } = parseQuery(PlacesQuery, url.searchParams);
  const places = app.gazetteer.suggest(q, limit ?? 8).map((place) => ({
    kind: place.kind,
    label: place.label,
    name: place.name,
    insee: place.insee,
    postcodes: place.postcodes,
    departement: place.departement,
    location: place.location,
  }));
  return jsonResponse({ query: q, places }, { headers: { 'cache-control': 'public, max-age=86400' } });
}
