import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { logger } from './logger.ts';
import { withoutAccents } from './text.ts';

/**
 * The one HTTP module: how Créneau answers, whichever server path writes the bytes (Astro's
 * handler or the fast routes): ETags and conditional requests, Cache-Control, the encodings a
 * client accepts, JSON and CSV bodies, the API's error shape, and whether the request came over TLS.
 */

// Open data: any site may read any answer, errors included, so a re-user's page can show why it failed.
const OPEN_DATA = { 'access-control-allow-origin': '*' } as const;

/** A strong ETag of some bytes: the same bytes give the same tag on every instance. */
export function etagOf(bytes: Uint8Array): string {
  return `"${createHash('sha1').update(bytes).digest('base64url').slice(0, 22)}"`;
}

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
  options: { maxEntries?: number; maxBytes?: number; maxAgeMs?: number; now?: () => number } = {},
): ResponseMemo {
  const maxEntries = options.maxEntries ?? 1000;
  // The response path keeps the bytes it sends (CRENEAU_RESPONSE_MEMO_MB); these are the bodies it
  // is built from, worth keeping for a short while only: a thousand 50 KB département answers held
  // 50 MiB at 10,000 centres beside the same bytes in the response path's memo.
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  const maxAgeMs = options.maxAgeMs ?? 15_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, PreparedResponse & { version: string }>();
  let bytes = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.body.byteLength;
  };
  return {
    get(key, version, build, serialise = JSON.stringify) {
      const found = entries.get(key);
      if (found && found.version === version && now() - found.builtAt < maxAgeMs) return found;
      const prepared = { ...prepareBody(serialise(build()), now()), version };
      remove(key);
      entries.set(key, prepared);
      bytes += prepared.body.byteLength;
      // Maps iterate in insertion order: the first key is the least recently built.
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        if (oldest === key) break;
        remove(oldest);
      }
      return prepared;
    },
    get size() {
      return entries.size;
    },
  };
}

/** Bytes and ETag of an answer built for one request, outside the shared memo. */
export function prepareBody(text: string, builtAt: number = Date.now()): PreparedResponse {
  const body = Buffer.from(text);
  return { body, etag: etagOf(body), builtAt };
}

/** What a handler needs for answers shared by every visitor: the memo and the poll interval they age with. */
export interface ResponseCaching {
  /** Pre-serialised shared responses, rebuilt when the data version changes. */
  responses: ResponseMemo;
  /** The poller's shortest refresh interval: shared responses are cached for a fraction of it. */
  pollIntervalS: number;
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
    ...OPEN_DATA,
  };
}

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to send, from `Accept-Encoding` with its q-values (RFC 9110 §12.5.3): the client's
 * highest q among those we hold, Brotli before gzip on a tie; `q=0` refuses a coding, `*` stands
 * for any coding not named. Null: identity.
 */
export function negotiateEncoding(
  header: string | null | undefined,
  available: readonly Encoding[],
): Encoding | null {
  if (!header || available.length === 0) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*(.*?)\s*$/i.exec(param);
      // A malformed weight counts as a refusal: better identity than a coding the client cannot read.
      if (match) q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(match[1] ?? '') ? Number(match[1]) : 0;
    }
    if (!Number.isFinite(q) || q < 0 || q > 1) q = 0;
    // A coding named twice keeps its first weight.
    if (!weights.has(name)) weights.set(name, q);
  }
  const star = weights.get('*');
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const encoding of available) {
    const q = weights.get(encoding) ?? (encoding === 'gzip' ? weights.get('x-gzip') : undefined) ?? star ?? 0;
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}

/** Which compressed form of a prepared asset to send, from `Accept-Encoding`: Brotli, gzip or none. */
export function acceptedEncoding(header: string | null | undefined): Encoding | null {
  return negotiateEncoding(header, ['br', 'gzip']);
}

/** TLS ends at a proxy in production: trust its X-Forwarded-Proto, else the connection's own scheme. */
export function isSecure(request: Request | IncomingMessage): boolean {
  const header =
    request.headers instanceof Headers
      ? request.headers.get('x-forwarded-proto')
      : request.headers['x-forwarded-proto'];
  const forwarded = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === 'https';
  if (request instanceof Request) return new URL(request.url).protocol === 'https:';
  return 'encrypted' in request.socket && request.socket.encrypted === true;
}

/**
 * The CORS preflight of the read-only API and feeds: browsers send one only for non-simple requests
 * (a GET with `If-None-Match`), answered without touching any data.
 */
export function corsPreflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...OPEN_DATA,
      'access-control-allow-methods': 'GET, HEAD, OPTIONS',
      'access-control-allow-headers': 'If-None-Match, If-Modified-Since, Accept, Cache-Control',
      'access-control-max-age': '86400',
    },
  });
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  for (const [name, value] of Object.entries(OPEN_DATA)) headers.set(name, value);
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** A CSV download: `filename` is ASCII-safe here and given again in RFC 5987 form for the accents. */
export function csvResponse(body: string, filename: string, cacheControl: string): Response {
  const ascii = withoutAccents(filename).replace(/[^\w.-]+/g, '-');
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      ...OPEN_DATA,
    },
  });
}

/** The API's error shape: `{ error: { code, message } }`. */
export type ApiErrorCode = 'bad_request' | 'not_found' | 'internal_error';

export function errorResponse(status: 400 | 404 | 500, code: ApiErrorCode, message: string): Response {
  return jsonResponse({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });
}

/** Thrown by handlers for a request that cannot be answered; turned into an error response by `handleApi`. */
export class ApiError extends Error {
  readonly status: 400 | 404;
  readonly code: ApiErrorCode;
  constructor(status: 400 | 404, message: string) {
    super(message);
    this.status = status;
    this.code = status === 400 ? 'bad_request' : 'not_found';
  }
}

/** Runs a handler: expected failures become 400/404 bodies, anything else a logged 500, never a stack trace. */
export async function handleApi(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message);
    logger.error({ err: error }, 'API handler failed');
    return errorResponse(500, 'internal_error', 'Internal server error. Please retry in a moment.');
  }
}
