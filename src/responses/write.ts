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
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const headers: Record<string, string | number> = {
    ...security(context.tileUrl, isEmbeddable(pathname), isSecure(req)),
    ...prepared.headers,
  };
  const encodings = Object.keys(prepared.encoded) as Encoding[];
  if (encodings.length > 0) headers.vary = 'Accept-Encoding';
  if (prepared.etag) {
    headers.etag = prepared.etag;
    const condition = req.headers['if-none-match'];
    if (etagMatches(typeof condition === 'string' ? condition : null, prepared.etag)) {
      for (const name of NOT_ON_304) delete headers[name];
      return { status: 304, headers, body: null };
    }
  }
  const encoding = negotiateEncoding(req.headers['accept-encoding'], encodings);
  const body = encoding ? (prepared.encoded[encoding] ?? prepared.identity) : prepared.identity;
  if (encoding) headers['content-encoding'] = encoding;
  headers['content-length'] = body.byteLength;
  return { status: prepared.status, headers, body };
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
