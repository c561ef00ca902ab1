import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { isTextual, MIN_COMPRESSIBLE_BYTES } from '../responses/encoding.ts';
import { type Prepared, prepareSmall } from '../responses/prepared.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** Files larger than this stay on disk, for Astro's own static handler. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Every file of the built client folder (Astro's hashed `/_astro/*` bundles and images, `public/`
 * files, prerendered pages), read and compressed once at start and written by the one writer, so
 * that a `.png` gets the same security headers as a page. Hashed names are cached for a year,
 * immutable; other files briefly, since their URL stays when their content changes.
 * `/x` is answered by `x`, `x/index.html` or `x.html`, as Astro's static handler would.
 */
export function createStaticAssets(clientDir: string): (pathname: string) => Prepared | null {
  const assets = new Map<string, Prepared>();
  const walk = (dir: string, prefix: string) => {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      if (name.startsWith('.')) continue;
      const file = path.join(dir, name);
      const stat = statSync(file);
      if (stat.isDirectory()) {
        walk(file, `${prefix}${name}/`);
        continue;
      }
      const type = TYPES[path.extname(name).toLowerCase()];
      if (!type || stat.size > MAX_FILE_BYTES) continue;
      const urlPath = `${prefix}${name}`;
      const prepared = prepareAsset(readFileSync(file), type, urlPath.startsWith('/_astro/'));
      assets.set(urlPath, prepared);
      if (name === 'index.html') assets.set(prefix === '/' ? '/' : prefix.slice(0, -1), prepared);
      if (name.endsWith('.html') && name !== 'index.html')
        assets.set(urlPath.slice(0, -'.html'.length), prepared);
    }
  };
  walk(clientDir, '/');
  return (pathname) => {
    const exact = assets.get(pathname);
    if (exact) return exact;
    return pathname.length > 1 && pathname.endsWith('/') ? (assets.get(pathname.slice(0, -1)) ?? null) : null;
  };
}

function prepareAsset(identity: Buffer, type: string, hashed: boolean): Prepared {
  const prepared = prepareSmall(
    200,
    {
      'content-type': type,
      'cache-control': hashed
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=300, stale-while-revalidate=3600',
    },
    identity,
  );
  if (identity.byteLength >= MIN_COMPRESSIBLE_BYTES && isTextual(type)) {
    prepared.encoded.gzip = gzipSync(identity, { level: 9 });
    prepared.encoded.br = brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  }
  return prepared;
}
