import type { SearchSources } from '../search/sources.ts';
import { jsonResponse } from '../shared/http.ts';

/** How this instance is doing beyond what it serves (cache, poller): filled in by the server entry. */
export type RuntimeHealth = () => Promise<Record<string, unknown>>;

type HealthSources = Pick<SearchSources, 'gazetteer' | 'registry' | 'centres' | 'availability'> & {
  runtimeHealth: RuntimeHealth;
  startedAt: Date;
};

/**
 * `GET /healthz`: is this instance serving, from which registry, and how fresh its copy of the
 * availability is. `status` is `degraded` (still HTTP 200: the instance serves what it holds) when
 * the cache is unreachable; the runtime adds the cache's and the poller's own view.
 */
export async function health(app: HealthSources, now = new Date()): Promise<Response> {
  const runtime = await app.runtimeHealth();
  const cache = runtime.cache as { ok?: boolean } | undefined;
  const loadedAt = app.availability.loadedAt;
  return jsonResponse(
    {
      // Serving the previous registry because registry.json is unusable is degraded too: it must be seen.
      status: cache?.ok === false || app.registry.recovered ? 'degraded' : 'ok',
      uptime_s: Math.round((now.getTime() - app.startedAt.getTime()) / 1000),
      registry: {
        kind: app.registry.kind,
        source: app.registry.source,
        imported_at: app.registry.imported_at,
        centres: app.centres.size,
        ...(app.registry.recovered ? { recovered: app.registry.recovered } : {}),
      },
      gazetteer: { communes: app.gazetteer.communeCount },
      availability: {
        loaded_at: loadedAt?.toISOString() ?? null,
        age_s: loadedAt ? Math.round((now.getTime() - loadedAt.getTime()) / 1000) : null,
      },
      ...runtime,
    },
    { headers: { 'cache-control': 'no-store' } },
  );
}
