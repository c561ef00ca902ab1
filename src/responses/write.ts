import type { IncomingMessage, ServerResponse } from 'node:http';
import { isEmbeddable } from '../communes/embed.ts';
import { etagMatches, isSecure } from '../shared/http.ts';
import { securityHeaders } from '../shared/security-headers.ts';
import { type Encoding, negotiateEncoding } from './encoding.ts';
import type { Prepared } from './prepared.ts';

export interface WriteContext {
  tileUrl: string;
}

/** Headers a 304 repeats (RFC 9110 §15.4.5): the validators and caching, never the body's type or length. */
const NOT_ON_304 = new Set(['content-type', 'content-disposition', 'content-language']);

// Four combinations per tile URL: worked out once, not per request.
const securityCache = new Map<string, Record<string, string>>();
function security(tileUrl: string, embeddable: boolean, secure: boolean): Record<string, string> {
  const key = `${embeddable ? 1 : 0}${secure ? 1 : 0}${tileUrl}`;
  let headers = securityCache.get(key);
  if (!headers) {
    headers = securityHeaders({ tileUrl, embeddable, secure });
    securityCache.set(key, headers);
  }
  return headers;
}

/**
 * The one place that writes a response's head, whatever produced the bytes (the memo, Astro, a
 * static file, an error page, the shed page): security headers for this request, the route's own
 * headers, ETag and 304, the encoding the client accepts, lengths. So the same URL gets the same
 * headers whichever way its bytes were made (tests/unit/responses/header-equality.test.ts).
 */
export function headersFor(
  req: IncomingMessage,
  prepared: Prepared,
  context: WriteContext,
): { status: number; headers: Record<string, string | number>; body: Buffer | null } {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const embeddable = isEmbeddable(queryAt === -1 ? url : url.slice(0, queryAt));
  const secure = isSecure(req);
  const condition = req.headers['if-none-match'];
  if (prepared.etag && etagMatches(typeof condition === 'string' ? condition : null, prepared.etag)) {
    const headers = { ...baseHeaders(prepared, context.tileUrl, embeddable, secure) };
    for (const name of NOT_ON_304) delete headers[name];
    return { status: 304, headers, body: null };
  }
  const encoding = encodingFor(req.headers['accept-encoding'], prepared);
  // The head of a given answer is the same for every visitor sharing these four facts: made once.
  let heads = headCache.get(prepared);
  if (!heads) {
    heads = new Map();
    headCache.set(prepared, heads);
  }
  const key = `${embeddable ? 1 : 0}${secure ? 1 : 0}${encoding ?? ''}|${context.tileUrl}`;
  let head = heads.get(key);
  if (!head) {
    const body = encoding ? (prepared.encoded[encoding] ?? prepared.identity) : prepared.identity;
    const headers = { ...baseHeaders(prepared, context.tileUrl, embeddable, secure) };
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = body.byteLength;
    head = { status: prepared.status, headers, body };
    heads.set(key, head);
  }
  return head;
}

type Head = { status: number; headers: Record<string, string | number>; body: Buffer };
/** Written heads per answer (an answer dropped from the memo takes its heads with it). */
const headCache = new WeakMap<Prepared, Map<string, Head>>();

function baseHeaders(
  prepared: Prepared,
  tileUrl: string,
  embeddable: boolean,
  secure: boolean,
): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    ...security(tileUrl, embeddable, secure),
    ...prepared.headers,
  };
  if (Object.keys(prepared.encoded).length > 0) headers.vary = 'Accept-Encoding';
  if (prepared.etag) headers.etag = prepared.etag;
  return headers;
}

/** The last `Accept-Encoding` values seen and what each picks, per set of forms on offer (a browser's few, over and over). */
const encodingChoices = new Map<string, Encoding | null>();
const MAX_ENCODING_CHOICES = 256;

/** Brotli first: of two forms a client weighs the same, the smaller. */
const BOTH: Encoding[] = ['br', 'gzip'];
const ONLY_BR: Encoding[] = ['br'];
const ONLY_GZIP: Encoding[] = ['gzip'];

function encodingFor(header: string | undefined, prepared: Prepared): Encoding | null {
  const { br, gzip } = prepared.encoded;
  const available = br ? (gzip ? BOTH : ONLY_BR) : gzip ? ONLY_GZIP : null;
  if (!header || !available) return null;
  if (header.length > 200) return negotiateEncoding(header, available);
  const key = `${available.length === 2 ? 'bg' : available[0]}${header}`;
  const known = encodingChoices.get(key);
  if (known !== undefined) return known;
  const choice = negotiateEncoding(header, available);
  if (encodingChoices.size >= MAX_ENCODING_CHOICES) encodingChoices.clear();
  encodingChoices.set(key, choice);
  return choice;
}

export function writePrepared(
  req: IncomingMessage,
  res: ServerResponse,
  prepared: Prepared,
  context: WriteContext,
): void {
  const { status, headers, body } = headersFor(req, prepared, context);
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' || body === null ? undefined : body);
}
