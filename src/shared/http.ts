import { createHash } from 'node:crypto';

/**
 * Responses that are the same for everyone are built once per data version and kept as bytes:
 * a hot département page costs one lookup and a write, not a JSON.stringify per request.
 */
export interface PreparedResponse {
  body: Uint8Array;
  etag: string;
  builtAt: number;
}

export interface ResponseMemo {
  /** `serialise` turns what `build` returns into the body (JSON by default; NDJSON feeds pass their own). */
  get<T>(key: string, version: string, build: () => T, serialise?: (value: T) => string): PreparedResponse;
  readonly size: number;
}

/**
 * @param maxAgeMs rebuild even without a new version after this long, so ages (`age_s`) in the
 * bytes stay roughly true.
 */
export function createResponseMemo(
  options: { maxEntries?: number; maxAgeMs?: number; now?: () => number } = {},
): ResponseMemo {
  const maxEntries = options.maxEntries ?? 1000;
  const maxAgeMs = options.maxAgeMs ?? 15_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, PreparedResponse & { version: string }>();
  return {
    get(key, version, build, serialise = JSON.stringify) {
      const found = entries.get(key);
      if (found && found.version === version && now() - found.builtAt < maxAgeMs) return found;
      const body = Buffer.from(serialise(build()));
      const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
      const prepared = { body, etag, builtAt: now(), version };
      entries.delete(key);
      entries.set(key, prepared);
      // Maps iterate in insertion order: the first key is the least recently built.
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return prepared;
    },
    get size() {
      return entries.size;
    },
  };
}

/** `Cache-Control` for shared API answers, fitted to the poller's shortest refresh interval. */
export function sharedCacheControl(pollIntervalS: number): string {
  const maxAge = Math.max(5, Math.round(pollIntervalS / 4));
  const staleWhileRevalidate = Math.max(10, Math.round(pollIntervalS / 2));
  const staleIfError = Math.max(60, Math.round(pollIntervalS * 10));
  return `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}, stale-if-error=${staleIfError}`;
}

export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** The prepared bytes, or 304 when the client already has them. */
export function preparedJson(request: Request, prepared: PreparedResponse, cacheControl: string): Response {
  return preparedResponse(request, prepared, cacheControl, 'application/json; charset=utf-8');
}

/** `preparedJson` for another media type (SMART's `application/fhir+ndjson`). */
export function preparedResponse(
  request: Request,
  prepared: PreparedResponse,
  cacheControl: string,
  contentType: string,
): Response {
  const headers = preparedHeaders(prepared, cacheControl);
  if (etagMatches(request.headers.get('if-none-match'), prepared.etag))
    return new Response(null, { status: 304, headers });
  return new Response(prepared.body as BodyInit, {
    status: 200,
    headers: { ...headers, 'content-type': contentType },
  });
}

/** Headers of a prepared answer, 200 or 304 alike (Content-Type aside). */
export function preparedHeaders(prepared: PreparedResponse, cacheControl: string): Record<string, string> {
  return {
    etag: prepared.etag,
    'cache-control': cacheControl,
    vary: 'Accept-Encoding',
    'access-control-allow-origin': '*',
  };
}
