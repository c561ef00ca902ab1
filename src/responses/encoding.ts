import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type { Encoding } from '../shared/http.ts';
export { negotiateEncoding } from '../shared/http.ts';

/** Bodies below this size are sent as they are: compression would save less than its headers cost. */
export const MIN_COMPRESSIBLE_BYTES = 1024;

const TEXTUAL =
  /^(text\/|application\/(json|javascript|xml|atom\+xml|fhir\+ndjson|x-ndjson|manifest\+json)|image\/svg\+xml)/i;

/** Whether a media type is text, worth compressing (images and archives are compressed already). */
export function isTextual(contentType: string | null | undefined): boolean {
  return TEXTUAL.test((contentType ?? '').trim());
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Both compressed forms of a body, made once when the prepared response is built. Off the event
 * loop's thread (zlib's pool), at a Brotli quality that keeps a 1 MB page under a few tens of ms.
 */
export async function compressBoth(body: Buffer): Promise<{ br: Buffer; gzip: Buffer }> {
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 6,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    }),
    gzipAsync(body, { level: 6 }),
  ]);
  return { br, gzip: gz };
}
