import { etagOf } from '../shared/http.ts';
import { SECURITY_HEADER_NAMES } from '../shared/security-headers.ts';
import { compressBoth, type Encoding, isTextual, MIN_COMPRESSIBLE_BYTES } from './encoding.ts';
import { safeHeaders } from './header-values.ts';

/**
 * One answer as bytes, ready to be written to any number of visitors: status, the route's own
 * headers (already safe to write), the body and its compressed forms, made once.
 */
export interface Prepared {
  status: number;
  headers: Record<string, string>;
  identity: Buffer;
  encoded: Partial<Record<Encoding, Buffer>>;
  /** Strong ETag of the identity bytes, for 2xx answers. */
  etag: string | null;
  /** Memory held: every form of the body plus its headers. */
  bytes: number;
}

/**
 * Headers the writer works out itself for every answer (responses/write.ts), whatever a route set:
 * lengths and encodings follow the bytes sent, the security headers the request, and Vary is only
 * Accept-Encoding because every kept answer was rendered from a request without the visitor's headers.
 */
const WRITER_OWNED = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'etag',
  'vary',
  ...SECURITY_HEADER_NAMES,
]);

export async function prepare(
  status: number,
  headers: Record<string, string | string[] | number | undefined>,
  body: Buffer,
): Promise<Prepared> {
  const own = Object.fromEntries(
    Object.entries(safeHeaders(headers)).filter(([name]) => !WRITER_OWNED.has(name)),
  );
  const encoded =
    body.byteLength >= MIN_COMPRESSIBLE_BYTES && isTextual(own['content-type'])
      ? await compressBoth(body)
      : {};
  return finish(status, own, body, encoded);
}

/**
 * `prepare` without compressing here: small bodies made here (error pages, 405, the shed page), or
 * files whose compressed forms were made at build time (`compressed`, static assets).
 */
export function prepareSmall(
  status: number,
  headers: Record<string, string | number | undefined>,
  body: string | Buffer,
  compressed: Partial<Record<Encoding, Buffer>> = {},
): Prepared {
  return finish(status, safeHeaders(headers), Buffer.from(body), compressed);
}

/**
 * The bytes of `body` in memory of their own. zlib hands its output back as a view into a 64 KiB
 * chunk, and `Buffer.from(string)` as a view into a shared 8 KiB pool: a kept 900-byte Brotli body
 * held its whole chunk, so the memo's byte budget counted a tenth of what it kept (measured at
 * 10,000 centres: 24 MiB of chunks behind 388 Brotli bodies).
 */
export function exactBytes(body: Buffer): Buffer {
  if (body.byteOffset === 0 && body.buffer.byteLength === body.byteLength) return body;
  const copy = new Uint8Array(body);
  return Buffer.from(copy.buffer, 0, copy.byteLength);
}

function finish(
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  compressed: Partial<Record<Encoding, Buffer>>,
): Prepared {
  const identity = exactBytes(body);
  const encoded: Partial<Record<Encoding, Buffer>> = {};
  for (const [encoding, bytes] of Object.entries(compressed) as [Encoding, Buffer][])
    encoded[encoding] = exactBytes(bytes);
  const headerBytes = Object.entries(headers).reduce(
    (sum, [name, value]) => sum + name.length + value.length,
    0,
  );
  return {
    status,
    headers,
    identity,
    encoded,
    etag: status >= 200 && status < 300 ? etagOf(identity) : null,
    bytes:
      identity.byteLength +
      (encoded.br?.byteLength ?? 0) +
      (encoded.gzip?.byteLength ?? 0) +
      headerBytes +
      200,
  };
}
