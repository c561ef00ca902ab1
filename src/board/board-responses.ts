import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import { type Locale, messagesFor } from '../i18n/locale.ts';
import type { SearchSources } from '../search/sources.ts';
import type { ResponseCaching } from '../shared/http.ts';
import { csvResponse, preparedJson, sharedCacheControl } from '../shared/http.ts';
import { localDate } from '../shared/time.ts';
import { boardCsv } from './board-csv.ts';
import { boardPath, boardRequest } from './board-place.ts';
import { boardRowText } from './board-text.ts';
import { type BoardPlace, type BoardView, boardView } from './board-view.ts';

type BoardApp = Pick<SearchSources, 'gazetteer' | 'centres' | 'availability' | 'now'> & ResponseCaching;

function plainText(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function resolve(
  app: BoardApp,
  by: BoardPlace['by'],
  raw: string | undefined,
  url: URL,
): { view: BoardView; key: string } | Response {
  const t = messagesFor(url.searchParams.get('lang') === 'en' ? 'en' : 'fr');
  const request = boardRequest(app, by, raw, url.searchParams);
  if (request.kind === 'invalid') return plainText(400, t.board.badQuery(request.message));
  if (request.kind === 'not-found') return plainText(404, t.board.notFound);
  const view = boardView(app, request.place, request.options);
  if (!view) return plainText(404, t.board.notFound);
  return { view, key: boardPath(request.place, request.options) };
}

/** What the island re-reads each poll interval: the same rows, in the same words, as the page. */
export function boardJsonBody(view: BoardView, locale: Locale) {
  const t = messagesFor(locale);
  return {
    generated_at: view.generatedAt,
    summary: t.board.summary(
      view.totals.centres,
      view.totals.withSlots,
      view.totals.slots,
      view.totals.unknown,
    ),
    days: view.days,
    rows: view.rows.map((row) => boardRowText(row, t, view.timeZone, view.origin.approximate)),
  };
}

/** `GET /tableau/departements/{code}.json` (and communes): prepared once per data version and query. */
export function boardJson(
  app: BoardApp,
  request: Request,
  by: BoardPlace['by'],
  raw: string | undefined,
): Response {
  const url = new URL(request.url);
  const locale: Locale = url.searchParams.get('lang') === 'en' ? 'en' : 'fr';
  const resolved = resolve(app, by, raw, url);
  if (resolved instanceof Response) return resolved;
  const prepared = app.responses.get(`board${resolved.key}|${locale}`, app.availability.version, () =>
    boardJsonBody(resolved.view, locale),
  );
  return preparedJson(request, prepared, sharedCacheControl(app.pollIntervalS));
}

/** `GET /tableau/departements/{code}.csv` (and communes): the board's rows and order, one column per day. */
export function boardCsvResponse(
  app: BoardApp,
  url: URL,
  by: BoardPlace['by'],
  raw: string | undefined,
): Response {
  const resolved = resolve(app, by, raw, url);
  if (resolved instanceof Response) return resolved;
  const { view } = resolved;
  const t = messagesFor(url.searchParams.get('lang') === 'en' ? 'en' : 'fr');
  // "Paris (75)" already names its code; a commune gets its INSEE code beside its name.
  const place =
    view.place.by === 'departement'
      ? view.origin.label.replace(/[()]/g, '')
      : `${view.origin.label}-${view.place.insee}`;
  const stamp = localDate(Date.parse(view.generatedAt), DEFAULT_TIME_ZONE);
  return csvResponse(
    boardCsv(view.rows, view.days, t, view.timeZone),
    `tableau-${place}-${stamp}.csv`,
    sharedCacheControl(app.pollIntervalS),
  );
}
