import type { IncomingMessage, ServerResponse } from 'node:http';
import { prepareDepartement } from '../api/departements.ts';
import type { AppContext } from '../app/app-context.ts';
import { REDIRECT_CACHE_CONTROL, resolveBookingRedirect } from '../booking/redirect.ts';
import { tileSettings } from '../config/tiles.ts';
import { ApiError, etagMatches, isSecure, preparedHeaders, sharedCacheControl } from '../shared/http.ts';
import { securityHeaders } from '../shared/security-headers.ts';
import { createStaticAssets } from './static-assets.ts';

const DEPARTEMENT = /^\/api\/v1\/departements\/([^/?#]+)(?:\?.*)?$/;
const GO = /^\/go\/([^/?#]+)(?:\?.*)?$/;

/**
 * The two hottest routes, the département list re-users and town halls poll and the booking
 * redirect everyone clicks, answered before Astro's handler: profiling showed most of their cost was
 * Astro's per-request pipeline, not our work (docs/BENCHMARKS.md). They answer exactly what the
 * Astro routes would, from the same functions and with the same headers; anything unusual (a bad
 * code, an unknown centre) falls through to Astro, which renders the error. The site's hashed
 * client bundles are served from here too, compressed (static-assets.ts).
 */
export function createFastRoutes(
  app: AppContext,
  clientDir: string,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { url: tileUrl } = tileSettings();
  const staticAssets = createStaticAssets(clientDir);
  const security = (req: IncomingMessage) =>
    securityHeaders({ tileUrl, embeddable: false, secure: isSecure(req) });

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = req.url ?? '';
    if (path.startsWith('/_astro/')) return staticAssets(req, res, security(req));
    const departement = DEPARTEMENT.exec(path);
    if (departement?.[1]) {
      const code = decode(departement[1]);
      if (code === null) return false;
      let prepared: ReturnType<typeof prepareDepartement>;
      try {
        prepared = prepareDepartement(app, code);
      } catch (error) {
        if (error instanceof ApiError) return false;
        throw error;
      }
      const headers = {
        ...security(req),
        ...preparedHeaders(prepared, sharedCacheControl(app.pollIntervalS)),
      };
      if (etagMatches(req.headers['if-none-match'] ?? null, prepared.etag)) {
        res.writeHead(304, headers).end();
      } else {
        res.writeHead(200, {
          ...headers,
          'content-type': 'application/json; charset=utf-8',
          'content-length': prepared.body.byteLength,
        });
        res.end(req.method === 'HEAD' ? undefined : prepared.body);
      }
      return true;
    }
    const go = GO.exec(path);
    if (go?.[1]) {
      const id = decode(go[1]);
      const target = id === null ? null : resolveBookingRedirect(app.centres, id, app.now());
      if (target?.kind !== 'redirect') return false;
      res
        .writeHead(302, {
          ...security(req),
          location: target.location,
          'cache-control': REDIRECT_CACHE_CONTROL,
        })
        .end();
      return true;
    }
    return false;
  };
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
