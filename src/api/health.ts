import type { AppContext } from '../app/app-context.ts';
import { jsonResponse } from './responses.ts';

/** `GET /healthz`: is this instance serving, and from which registry. */
export function health(app: AppContext, now = new Date()): Response {
  return jsonResponse(
    {
      status: 'ok',
      uptime_s: Math.round((now.getTime() - app.startedAt.getTime()) / 1000),
      registry: {
        kind: app.registry.kind,
        source: app.registry.source,
        imported_at: app.registry.imported_at,
        centres: app.centres.size,
      },
      gazetteer: { communes: app.gazetteer.communes.length },
    },
    { headers: { 'cache-control': 'no-store' } },
  );
}
