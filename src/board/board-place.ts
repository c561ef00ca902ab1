import { inseeCode } from '../search/params.ts';
import type { SearchSources } from '../search/sources.ts';
import { departementCode } from '../shared/departement-param.ts';
import { type BoardOptions, boardParams, boardQuery } from './board-query.ts';
import type { BoardPlace } from './board-view.ts';

export type BoardRequest =
  | { kind: 'ok'; place: BoardPlace; options: BoardOptions }
  | { kind: 'invalid'; message: string }
  | { kind: 'not-found' };

/**
 * A board URL's place and options: the route's département code (the site's one rule,
 * src/shared/departement-param.ts: malformed is a 400, unknown a 404) or INSEE code, and its query.
 */
export function boardRequest(
  app: Pick<SearchSources, 'gazetteer'>,
  by: BoardPlace['by'],
  raw: string | undefined,
  params: URLSearchParams,
): BoardRequest {
  const code = (by === 'departement' ? departementCode : inseeCode).safeParse(raw ?? '');
  if (!code.success) return { kind: 'invalid', message: code.error.issues[0]?.message ?? 'invalid' };
  const query = boardQuery(params);
  if (!query.ok) return { kind: 'invalid', message: query.message };
  if (by === 'departement') {
    const departement = app.gazetteer.departement(code.data);
    return departement
      ? { kind: 'ok', place: { by, code: departement.code }, options: query.options }
      : { kind: 'not-found' };
  }
  const commune = app.gazetteer.commune(code.data);
  return commune
    ? { kind: 'ok', place: { by, insee: commune.insee }, options: query.options }
    : { kind: 'not-found' };
}

/** `/tableau/departements/35`, `/tableau/communes/35238`, with a suffix (`.csv`, `.json`) and the options. */
export function boardPath(place: BoardPlace, options: BoardOptions | null, suffix = '', lang?: 'en'): string {
  const base =
    place.by === 'departement'
      ? `/tableau/departements/${encodeURIComponent(place.code)}`
      : `/tableau/communes/${encodeURIComponent(place.insee)}`;
  const params = options ? boardParams(options, place.by === 'commune') : new URLSearchParams();
  if (lang) params.set('lang', lang);
  const search = params.toString();
  return `${base}${suffix}${search ? `?${search}` : ''}`;
}
