/**
 * CORS for the read-only API and feeds: every origin may GET. Browsers send a preflight only for
 * non-simple requests (e.g. a GET with `If-None-Match`), answered here without touching any data.
 */
export const CORS_ALLOW_ORIGIN = { 'access-control-allow-origin': '*' } as const;

export function corsPreflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_ALLOW_ORIGIN,
      'access-control-allow-methods': 'GET, HEAD, OPTIONS',
      'access-control-allow-headers': 'If-None-Match, If-Modified-Since, Accept, Cache-Control',
      'access-control-max-age': '86400',
    },
  });
}
