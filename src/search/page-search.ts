import { z } from 'zod';
import { departementCode } from '../shared/departement-param.ts';
import { isAroundMe } from './around-me.ts';
import { type CentreSearch, findCentres, type SearchResult, UnknownPlaceError } from './find-centres.ts';
import { type PageFilters, pageFilters } from './page-filters.ts';
import { inseeCode, numberParam, optional, postcode, RADIUS_KM } from './params.ts';
import type { SearchSources } from './sources.ts';

/**
 * The shareable search URL of the site, `/recherche?commune=35238&rayon=20` (also `cp=`,
 * `departement=`, `lat=&lon=`, or free text `q=`). Unlike the API it forgives: unknown
 * parameters are ignored, since such links travel by SMS and get mangled.
 */
const PageQuery = z.object({
  q: optional(z.string().trim().max(100)),
  commune: optional(inseeCode),
  cp: optional(postcode),
  departement: optional(departementCode),
  lat: optional(numberParam(-90, 90)),
  lon: optional(numberParam(-180, 180)),
  rayon: optional(numberParam(RADIUS_KM.min, RADIUS_KM.max)),
});

export type PageSearchOutcome =
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string }
  | { kind: 'not-found'; message: string; query: string }
  /** "autour de moi" typed without JavaScript: the page says how to search around you (issue 15). */
  | { kind: 'around-me'; query: string }
  | {
      kind: 'found';
      search: CentreSearch;
      result: SearchResult;
      query: string;
      radiusKm: number;
      /** Order and filters asked for (`tri=`, `dispo=`…): see page-filters.ts. */
      filters: PageFilters;
    };

export function searchFromPage(
  app: Pick<SearchSources, 'gazetteer' | 'centres'>,
  params: URLSearchParams,
): PageSearchOutcome {
  const parsed = PageQuery.safeParse(
    Object.fromEntries([...params].filter(([key]) => key in PageQuery.shape)),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: 'invalid',
      message: `Adresse de recherche incomplète ou invalide (${issue?.path.join('.') ?? ''}).`,
    };
  }
  const query = parsed.data;
  const radiusKm = query.rayon ?? RADIUS_KM.default;
  const search = toSearch(app, query, radiusKm);
  if (search === null) return { kind: 'empty' };
  if ('aroundMe' in search) return { kind: 'around-me', query: query.q ?? '' };
  if ('notFound' in search) return { kind: 'not-found', message: search.notFound, query: query.q ?? '' };
  const filters = pageFilters(params);
  // Centres reserved for health professionals are in the index's lists only when asked for (`pros=1`).
  const sources = filters.pros ? { ...app, centres: app.centres.withReserved() } : app;
  try {
    return {
      kind: 'found',
      search,
      result: findCentres(sources, search),
      query: query.q ?? '',
      radiusKm,
      filters,
    };
  } catch (error) {
    if (error instanceof UnknownPlaceError)
      return { kind: 'not-found', message: 'Ce lieu est introuvable.', query: query.q ?? '' };
    throw error;
  }
}

function toSearch(
  app: Pick<SearchSources, 'gazetteer'>,
  query: z.output<typeof PageQuery>,
  radiusKm: number,
): CentreSearch | { notFound: string } | { aroundMe: true } | null {
  if (query.commune) return { by: 'commune', insee: query.commune, radiusKm };
  if (query.cp) return { by: 'postcode', postcode: query.cp, radiusKm };
  if (query.departement) return { by: 'departement', code: query.departement };
  if (query.lat !== undefined && query.lon !== undefined)
    return { by: 'point', lat: query.lat, lon: query.lon, radiusKm };
  if (!query.q) return null;
  if (isAroundMe(query.q)) return { aroundMe: true };
  const [best] = app.gazetteer.suggest(query.q, 1);
  if (!best)
    return { notFound: `Aucune commune, aucun code postal ni département ne correspond à « ${query.q} ».` };
  if (best.kind === 'commune' && best.insee) return { by: 'commune', insee: best.insee, radiusKm };
  if (best.kind === 'postcode' && best.postcodes[0])
    return { by: 'postcode', postcode: best.postcodes[0], radiusKm };
  return { by: 'departement', code: best.departement };
}
