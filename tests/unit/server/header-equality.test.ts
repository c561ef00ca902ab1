import { readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, repoRoot, startServer } from '../../support/server.ts';

// Issue 10, point 2: one handler per route and one place writing headers. The same URL answered
// from a render (first visit) and from kept bytes (later visits), by GET or HEAD, gets the same
// headers; a page, an API answer, a redirect, a static image and a live route carry the same
// security headers, HSTS included behind a TLS proxy.

let server: RunningServer;
beforeAll(async () => {
  // No poller: the data version stays, so a second visit is a hit on the first one's bytes.
  server = await startServer({ env: { CRENEAU_POLLER: 'off' } });
}, 300_000);
afterAll(async () => server?.stop());

function head(pathname: string, method = 'GET', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const request = http.request(`${server.url}${pathname}`, { method, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    request.on('error', reject);
    request.end();
  });
}

const VOLATILE = ['date', 'connection', 'keep-alive'];
const stable = (headers: http.IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !VOLATILE.includes(name)));

const SECURITY = [
  'content-security-policy',
  'referrer-policy',
  'x-content-type-options',
  'permissions-policy',
  'x-frame-options',
];

async function bookableCentre(): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/departements/35`);
  const body = (await response.json()) as { centres: Array<{ id: string; booking: { url: string | null } }> };
  const centre = body.centres.find((candidate) => candidate.booking.url);
  if (!centre) throw new Error('no bookable centre in the demo registry');
  return centre.id;
}

const png = () => {
  const name = readdirSync(path.join(repoRoot, 'dist/client/_astro')).find((file) => file.endsWith('.png'));
  if (!name) throw new Error('the build has no .png asset');
  return `/_astro/${name}`;
};

describe('one writer for every route', () => {
  it('answers a first visit (rendered) and later ones (kept bytes) with the same headers, GET and HEAD', async () => {
    const go = `/go/${encodeURIComponent(await bookableCentre())}`;
    for (const pathname of ['/api/v1/departements/29', '/recherche?commune=35238', '/centres/nope', go]) {
      const first = await head(pathname, 'GET', { 'accept-encoding': 'gzip' });
      const second = await head(pathname, 'GET', { 'accept-encoding': 'gzip' });
      const third = await head(pathname, 'HEAD', { 'accept-encoding': 'gzip' });
      expect(stable(second.headers), pathname).toEqual(stable(first.headers));
      expect(stable(third.headers), pathname).toEqual(stable(first.headers));
      expect(second.status).toBe(first.status);
    }
  });

  it('caches the booking redirect as the route says, every time', async () => {
    const go = `/go/${encodeURIComponent(await bookableCentre())}`;
    for (let i = 0; i < 2; i++) {
      const answer = await head(go);
      expect(answer.status).toBe(302);
      expect(answer.headers['cache-control']).toBe('public, max-age=300');
    }
  });

  it('sends the same security headers on pages, API, redirects, images and live routes, HSTS behind a TLS proxy', async () => {
    const go = `/go/${encodeURIComponent(await bookableCentre())}`;
    const paths = [
      '/recherche?commune=35238',
      '/api/v1/departements/35',
      go,
      png(),
      '/healthz',
      '/centres/nope',
    ];
    const answers = await Promise.all(
      paths.map((pathname) => head(pathname, 'GET', { 'x-forwarded-proto': 'https' })),
    );
    const reference = answers[0];
    if (!reference) throw new Error('no answer');
    for (const [index, answer] of answers.entries()) {
      for (const name of SECURITY)
        expect(answer.headers[name], `${paths[index]} ${name}`).toBe(reference.headers[name]);
      expect(answer.headers['strict-transport-security'], paths[index]).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
    const plain = await head(png());
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
