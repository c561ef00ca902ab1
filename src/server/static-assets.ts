import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { EN_TWIN_PREFIX, type Locale, messagesFor } from '../i18n/locale.ts';
import { type DeploymentFacts, fillDeploymentLines } from '../layouts/deployment-lines.ts';
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

/** Hashed names (`/_astro/*`) never change content: a year. */
export const HASHED_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Prerendered pages keep their URL across deploys: a minute, so a new build is seen soon. */
export const PAGE_CACHE_CONTROL = 'public, max-age=60';
/** Other unhashed files (`public/`: favicon, robots.txt). */
export const FILE_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=3600';

export interface StaticAssets {
  /**
   * The file answering a request target, or null. A prerendered page does not read the query
   * string, so only `lang=en` counts: it gives the page's English twin (built at `/en/<path>`).
   */
  (pathname: string, search?: string): Prepared | null;
  /**
   * Astro answers an unknown route with the prerendered `404.html` as it is on disk; given that
   * answer's body, the filled page in the request's language (null for any other 404, a route's own).
   */
  notFound(body: Buffer, search?: string): Prepared | null;
}

export interface StaticAssetsOptions {
  /** This deployment's lines, filled into prerendered pages' markers once, here (layouts/deployment-lines.ts). */
  facts?: DeploymentFacts;
}

/**
 * Every file of the built client folder (Astro's hashed `/_astro/*` bundles and images, `public/`
 * files, prerendered pages), read once at start and written by the one writer, so that a `.png`
 * gets the same security headers as a page. Text is served in the `.br`/`.gz` forms written at build
 * (src/server/precompress.ts), checked to decompress to the file's bytes; a file without them, or a
 * page whose deployment lines were filled in, is compressed here once.
 * `/x` is answered by `x`, `x/index.html` or `x.html`, as Astro's static handler would.
 */
export function createStaticAssets(clientDir: string, options: StaticAssetsOptions = {}): StaticAssets {
  const assets = new Map<string, Prepared>();
  const twins = new Map<string, Prepared>();
  const notFoundPages = new Map<Locale, { raw: Buffer; prepared: Prepared }>();
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
      const raw = readFileSync(file);
      const page = name.endsWith('.html');
      const twin = page && urlPath.startsWith(`${EN_TWIN_PREFIX}/`);
      const locale: Locale = twin ? 'en' : 'fr';
      const publicPath = twin ? urlPath.slice(EN_TWIN_PREFIX.length) : urlPath;
      const filled =
        page && options.facts
          ? Buffer.from(fillDeploymentLines(raw.toString('utf8'), messagesFor(locale), options.facts))
          : raw;
      const body = filled.equals(raw) ? raw : filled;
      const status = page && /^\/404(\.html|\/index\.html)$/.test(publicPath) ? 404 : 200;
      const cacheControl = urlPath.startsWith('/_astro/')
        ? HASHED_CACHE_CONTROL
        : page
          ? PAGE_CACHE_CONTROL
          : FILE_CACHE_CONTROL;
      const prepared = prepareAsset(body, type, cacheControl, status, body === raw ? file : null);
      if (status === 404) {
        notFoundPages.set(locale, { raw, prepared });
        continue;
      }
      const table = twin ? twins : assets;
      table.set(publicPath, prepared);
      if (name === 'index.html') {
        const folder = publicPath.slice(0, -'index.html'.length);
        table.set(folder === '/' ? '/' : folder.slice(0, -1), prepared);
      }
      if (page && name !== 'index.html') table.set(publicPath.slice(0, -'.html'.length), prepared);
    }
  };
  walk(clientDir, '/');
  const inTable = (table: Map<string, Prepared>, pathname: string) =>
    table.get(pathname) ??
    (pathname.length > 1 && pathname.endsWith('/') ? (table.get(pathname.slice(0, -1)) ?? null) : null);
  const wantsEnglish = (search: string) => new URLSearchParams(search).get('lang') === 'en';

  const find = ((pathname: string, search = '') => {
    const file = inTable(assets, pathname);
    if (file?.headers['content-type']?.startsWith('text/html') && wantsEnglish(search))
      return inTable(twins, pathname) ?? file;
    if (file) return file;
    // `/en/…` asked directly: the same English page (nobody links there, but it must not be a raw file).
    if (pathname === EN_TWIN_PREFIX || pathname.startsWith(`${EN_TWIN_PREFIX}/`))
      return inTable(twins, pathname.slice(EN_TWIN_PREFIX.length) || '/');
    return null;
  }) as StaticAssets;
  find.notFound = (body, search = '') => {
    const french = notFoundPages.get('fr');
    if (!french?.raw.equals(body)) return null;
    return (wantsEnglish(search) ? notFoundPages.get('en')?.prepared : undefined) ?? french.prepared;
  };
  return find;
}

/**
 * The forms written at build next to `file` (`file.br`, `file.gz`), when they decompress to the
 * file's bytes; otherwise (absent, stale) null.
 */
function precompressed(file: string, identity: Buffer): { br: Buffer; gzip: Buffer } | null {
  try {
    const br = readFileSync(`${file}.br`);
    const gzip = readFileSync(`${file}.gz`);
    if (brotliDecompressSync(br).equals(identity) && gunzipSync(gzip).equals(identity)) return { br, gzip };
  } catch {
    // Not written (a build before precompression, a file added by hand) or unreadable: compress here.
  }
  return null;
}

function prepareAsset(
  identity: Buffer,
  type: string,
  cacheControl: string,
  status: number,
  file: string | null,
): Prepared {
  const headers = { 'content-type': type, 'cache-control': cacheControl };
  if (identity.byteLength < MIN_COMPRESSIBLE_BYTES || !isTextual(type))
    return prepareSmall(status, headers, identity);
  const built = file ? precompressed(file, identity) : null;
  return prepareSmall(status, headers, identity, {
    gzip: built?.gzip ?? gzipSync(identity, { level: 9 }),
    br: built?.br ?? brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  });
}
