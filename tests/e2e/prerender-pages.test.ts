import { readFileSync, realpathSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ELIGIBILITY } from '../../src/config/eligibility.ts';
import { en } from '../../src/i18n/en.ts';
import { fr } from '../../src/i18n/fr.ts';
import { fillDeploymentLines } from '../../src/layouts/deployment-lines.ts';
import { FRENCH_ONLY, foundIn, readableText } from '../support/english-check.ts';
import { type RunningServer, repoRoot, startServer } from '../support/server.ts';

let server: RunningServer;
/** The build the instance serves: `dist` when it started (no other build switches it during this file). */
let client: string;

beforeAll(async () => {
  server = await startServer();
  client = path.join(realpathSync(path.join(repoRoot, 'dist')), 'client');
}, 300_000);
afterAll(async () => {
  await server?.stop();
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The bytes as sent (fetch would decompress them). */
function get(target: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${target}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}

/** The file the build wrote, with this (demo) deployment's lines filled in as the server does once at start. */
function builtPage(file: string, locale: 'fr' | 'en'): Buffer {
  const raw = readFileSync(path.join(client, file), 'utf8');
  expect(raw).toContain('<!--creneau:sources-->');
  return Buffer.from(
    fillDeploymentLines(raw, locale === 'en' ? en : fr, {
      registry: { kind: 'demo', imported_at: '2021-01-14T00:00:00Z' },
      eligibility: DEMO_ELIGIBILITY,
    }),
  );
}

describe('pages where nothing varies are prerendered and served as files', () => {
  it('serves the home page as the built file, with the demo lines filled in, a short Cache-Control and an ETag', async () => {
    const home = await get('/', { 'accept-encoding': 'identity' });
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['cache-control']).toBe('public, max-age=60');
    expect(home.headers['content-encoding']).toBeUndefined();
    expect(home.headers['content-security-policy']).toBeTruthy();
    expect(home.headers.vary).toBe('Accept-Encoding');
    expect(home.body.equals(builtPage('index.html', 'fr'))).toBe(true);
    const html = home.body.toString();
    expect(html).not.toContain('<!--creneau:');
    expect(html).toContain('data-testid="demo-banner"');
    expect(html).toContain('data-testid="eligibility"');
    expect(html).toContain(fr.site.sourceDemo);

    const etag = String(home.headers.etag);
    expect(etag).toMatch(/^"/);
    const again = await get('/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
  });

  it('sends Brotli and gzip forms that decompress to the same bytes', async () => {
    for (const target of ['/', '/?lang=en']) {
      const identity = (await get(target, { 'accept-encoding': 'identity' })).body;
      const br = await get(target, { 'accept-encoding': 'br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.body.byteLength).toBeLessThan(identity.byteLength / 2);
      expect(brotliDecompressSync(br.body).equals(identity)).toBe(true);
      const gz = await get(target, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).equals(identity)).toBe(true);
      // The same entity whatever the encoding: one ETag.
      expect(br.headers.etag).toBe(gz.headers.etag);
    }
  });

  it('answers /?lang=en with the English twin, whatever else the query says', async () => {
    const english = await get('/?lang=en', { 'accept-encoding': 'identity' });
    expect(english.status).toBe(200);
    expect(english.body.equals(builtPage('en/index.html', 'en'))).toBe(true);
    const html = english.body.toString();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain(en.home.heading);
    expect(html).toContain(en.site.demoTitle);
    expect(foundIn(readableText(html), FRENCH_ONLY)).toEqual([]);
    // Links stay public URLs: ?lang=en, never the twin's /en/ path.
    expect(html).not.toMatch(/href="\/en[/"]/);
    expect(html).toContain('href="/?lang=en"');
    expect(html).toContain('href="/" hreflang="fr" data-testid="language-switch"');

    const tagged = await get('/?utm_source=x&lang=en', { 'accept-encoding': 'identity' });
    expect(tagged.body.equals(english.body)).toBe(true);
    const french = await get('/?lang=fr', { 'accept-encoding': 'identity' });
    expect(french.body.equals(builtPage('index.html', 'fr'))).toBe(true);
    expect(french.headers.etag).not.toBe(english.headers.etag);
  });

  it('answers an unknown URL with the prerendered not-found page, filled and in the asked language', async () => {
    const missing = await get('/page-qui-n-existe-pas', { 'accept-encoding': 'identity' });
    expect(missing.status).toBe(404);
    expect(missing.body.equals(builtPage('404.html', 'fr'))).toBe(true);
    expect(missing.body.toString()).toContain(fr.notFound.title);
    const english = await get('/page-qui-n-existe-pas?lang=en', { 'accept-encoding': 'gzip' });
    expect(english.status).toBe(404);
    expect(english.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(english.body).equals(builtPage('en/404/index.html', 'en'))).toBe(true);
  });
});
