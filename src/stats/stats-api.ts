import { parseQuery } from '../api/query.ts';
import type { SearchSources } from '../search/sources.ts';
import type { ResponseCaching } from '../shared/http.ts';
import { csvResponse, prepareBody, preparedJson, sharedCacheControl } from '../shared/http.ts';
import type { StatsPoint } from './figures.ts';
import { SLOTS_ARE_NOT_DOSES } from './notice.ts';
import { StatsApiQuery, type StatsScope, scopeFor } from './scope.ts';
import { readSeriesVersioned } from './series-store.ts';
import { platformShares } from './shares.ts';
import { statsCsv, statsCsvFileName } from './stats-csv.ts';

type StatsApp = Pick<SearchSources, 'gazetteer' | 'now'> & ResponseCaching;

function pointJson(point: StatsPoint) {
  const { platforms: _counts, ...figures } = point;
  return {
    ...figures,
    platforms: Object.fromEntries(platformShares(point).map(({ platform, ...share }) => [platform, share])),
  };
}

function scopeJson(scope: StatsScope) {
  return scope.kind === 'france'
    ? { kind: 'france' as const }
    : { kind: 'departement' as const, code: scope.code, name: scope.name };
}

async function readRequest(app: StatsApp, dataDir: string, url: URL) {
  const query = parseQuery(StatsApiQuery, url.searchParams);
  const scope = scopeFor(app, query.departement);
  const series = await readSeriesVersioned(dataDir, {
    departement: scope.kind === 'departement' ? scope.code : undefined,
    since: query.since,
  });
  return { scope, since: query.since, series };
}

/**
 * `GET /api/v1/stats?departement=&since=`: the series of France or of a département, each point
 * with its per-platform counts and shares. Prepared once per version of the series file.
 */
export async function statsJson(
  app: StatsApp,
  request: Request,
  url: URL,
  dataDir: string,
): Promise<Response> {
  const { scope, since, series } = await readRequest(app, dataDir, url);
  const build = () => {
    const latest = series.points[series.points.length - 1];
    return {
      generated_at: app.now().toISOString(),
      scope: scopeJson(scope),
      notice: SLOTS_ARE_NOT_DOSES,
      latest: latest ? pointJson(latest) : null,
      points: series.points.map(pointJson),
    };
  };
  const key = `stats/${scope.kind === 'france' ? 'france' : scope.code}`;
  // Answers with `since` vary without end: built per request rather than crowding the shared memo.
  const prepared =
    since === undefined
      ? app.responses.get(key, series.version, build)
      : prepareBody(JSON.stringify(build()));
  return preparedJson(request, prepared, sharedCacheControl(app.pollIntervalS));
}

/** `GET /statistiques.csv?departement=&since=`: the same series as a spreadsheet download. */
export async function statsCsvResponse(app: StatsApp, url: URL, dataDir: string): Promise<Response> {
  const { scope, series } = await readRequest(app, dataDir, url);
  return csvResponse(
    statsCsv(scope, series.points),
    statsCsvFileName(scope, app.now()),
    sharedCacheControl(app.pollIntervalS),
  );
}
