import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncoding } from '../../src/shared/http.ts';
import { type RunningServer, startServer } from '../support/server.ts';

// Issue 13, point 8 (Accept-Encoding): q-values are honoured; `br;q=0` never gets Brotli.

describe('acceptedEncoding', () => {
  it('reads q-values: refused codings, preferences, the wildcard', () => {
    expect(acceptedEncoding('br;q=0, gzip')).toBe('gzip');
    expect(acceptedEncoding('br; q=0.0, gzip')).toBe('gzip');
    expect(acceptedEncoding('gzip;q=0.9, br;q=0.1')).toBe('gzip');
    expect(acceptedEncoding('br;q=0.5, gzip;q=0.5')).toBe('br');
    expect(acceptedEncoding('*;q=0')).toBeNull();
    expect(acceptedEncoding('*')).toBe('br');
    expect(acceptedEncoding('br;q=0, *')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding('BR')).toBe('br');
    expect(acceptedEncoding('br;q=abc, gzip')).toBe('gzip');
    expect(acceptedEncoding('x-gzip')).toBe('gzip');
  });
});

describe('the server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { CRENEAU_POLLER: 'off' } });
  }, 300_000);
  afterAll(async () => server?.stop());

  const get = (pathname: string, acceptEncoding: string) =>
    new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      http
        .get(`${server.url}${pathname}`, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    });

  it('never sends Brotli to br;q=0, on pages, API answers and client bundles alike', async () => {
    const bundle = (await (await fetch(`${server.url}/recherche?commune=35238`)).text()).match(
      /\/_astro\/[^"]+\.js/,
    )?.[0];
    for (const pathname of [
      '/recherche?commune=35238',
      '/api/v1/departements/35',
      bundle ?? '/_astro/missing.js',
    ]) {
      const identity = await get(pathname, 'identity');
      const gzip = await get(pathname, 'br;q=0, gzip');
      expect(gzip.encoding, pathname).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(identity.body), pathname).toBe(true);
      const br = await get(pathname, 'gzip;q=0.5, br');
      expect(br.encoding, pathname).toBe('br');
      expect(brotliDecompressSync(br.body).equals(identity.body), pathname).toBe(true);
      expect((await get(pathname, 'br;q=0, gzip;q=0')).encoding, pathname).toBeUndefined();
    }
  });
});
