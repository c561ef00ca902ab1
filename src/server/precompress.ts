import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text worth compressing, by file extension (the client folder's pages, bundles and styles). */
const TEXT = /\.(html|js|mjs|css|svg|json|webmanifest|txt|xml)$/i;
/** As the response path: below this, compression saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes `x.br` (Brotli quality 11) and `x.gz` (gzip level 9) next to every text file of the built
 * client folder: prerendered pages and bundles are compressed once at build, at the best ratio, and
 * the server only reads them (src/server/static-assets.ts). Returns how many files it compressed.
 */
export function precompressFolder(dir: string): number {
  let count = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      count += precompressFolder(file);
      continue;
    }
    if (!TEXT.test(name)) continue;
    const body = readFileSync(file);
    if (body.byteLength < MIN_BYTES) continue;
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      }),
    );
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    count += 1;
  }
  return count;
}

/** The Astro integration (astro.config.mjs): precompresses the client folder when a build is done. */
export function precompress() {
  return {
    name: 'creneau-precompress',
    hooks: {
      'astro:build:done': ({ dir, logger }: { dir: URL; logger: { info(message: string): void } }) => {
        const count = precompressFolder(fileURLToPath(dir));
        logger.info(`${count} files precompressed (.br, .gz)`);
      },
    },
  };
}
