import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { acceptedEncoding, etagMatches, etagOf } from '../shared/http.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

interface Asset {
  type: string;
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/**
 * Astro's hashed client bundles (`/_astro/*.js|css`), compressed once at start and served with an
 * immutable cache: @astrojs/node sends them uncompressed, and the people on weak phones are the
 * ones who pay for every kilobyte. Anything else falls through to Astro's own static handler.
 */
export function createStaticAssets(clientDir: string) {
  const dir = path.join(clientDir, '_astro');
  const assets = new Map<string, Asset>();
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const identity = readFileSync(path.join(dir, name));
    assets.set(`/_astro/${name}`, {
      type,
      etag: etagOf(identity),
      identity,
      gzip: gzipSync(identity, { level: 9 }),
      br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    });
  }

  return (req: IncomingMessage, res: ServerResponse, baseHeaders: Record<string, string>): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const asset = assets.get((req.url ?? '').split('?')[0] ?? '');
    if (!asset) return false;
    const headers: Record<string, string | number> = {
      ...baseHeaders,
      'content-type': asset.type,
      'cache-control': 'public, max-age=31536000, immutable',
      vary: 'Accept-Encoding',
      etag: asset.etag,
    };
    if (etagMatches(req.headers['if-none-match'] ?? null, asset.etag)) {
      res.writeHead(304, headers).end();
      return true;
    }
    const encoding = acceptedEncoding(req.headers['accept-encoding']);
    const body = encoding ? asset[encoding] : asset.identity;
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = body.byteLength;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
