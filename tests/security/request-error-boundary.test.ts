import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getGazetteer } from '../../src/places/gazetteer.ts';
import { generateDemoRegistry } from '../../src/registry/demo.ts';
import type { NodeHandler } from '../../src/responses/astro-render.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { statusLine } from '../support/raw-http.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';
import { send, serve } from '../unit/responses/serve.ts';

// Issue 13, point 1: one error boundary for every request path. Nothing a request or a registry
// value contains ends the process; header values are encoded, or the answer is a clean 4xx/5xx.

/** Seeded, so a failure names a case that can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
  '\u0000',
  '\u0007',
  '\r\n',
  '\n',
  '\r',
  '\t',
  '\u001b[31m',
  '\u202e',
  '\ud800',
  '\udfff',
  '€',
  'é',
  '"',
  "'",
  '<script>',
  '\u2028',
  '\uffff',
  '%',
  '%0d%0a',
  '\\',
  '\u{1F489}',
  ' ',
  ';',
  ',',
  '\u0085',
  '\u00a0',
  '\u007f',
];

function nastyString(next: () => number, length = 1 + Math.floor(next() * 6)): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    text +=
      next() < 0.6
        ? (NASTY[Math.floor(next() * NASTY.length)] ?? '')
        : String.fromCodePoint(Math.floor(next() * 0x2ffff));
  }
  return text;
}

/** What Node would refuse to write (ERR_INVALID_CHAR): none may reach a client. */
const WRITABLE_VALUE = /^[\t\x20-\x7e]*$/;

describe('the boundary with hostile route output (unit, a stand-in for Astro)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('encodes every header value a route writes, whatever a registry string put in it, and survives throwing routes', async () => {
    const next = random(13);
    let current: Record<string, string> = {};
    let mode: 'headers' | 'throw' | 'reject' | 'destroy' = 'headers';
    const server = await serve(((_req: http.IncomingMessage, res: http.ServerResponse) => {
      if (mode === 'throw') throw new Error('a route bug');
      if (mode === 'reject') return Promise.reject(new Error('an async route bug'));
      if (mode === 'destroy') return res.destroy(new Error('gone'));
      res.writeHead(200, { 'content-type': 'text/html', ...current });
      return res.end(`<p>${nastyString(next)}</p>`);
    }) as unknown as NodeHandler);
    close = server.close;
    for (let i = 0; i < 300; i++) {
      mode = (['headers', 'headers', 'headers', 'throw', 'reject', 'destroy'] as const)[i % 6] ?? 'headers';
      current = {
        location: `https://www.doctolib.fr/${nastyString(next)}?x=${nastyString(next)}`,
        'content-disposition': `attachment; filename="${nastyString(next)}"`,
        [`x-${i}`]: nastyString(next),
      };
      // A fresh key each time: every answer is rendered, none comes from memory.
      const answer = await send(server.base, `/centres/c${i}`);
      if (mode === 'headers') {
        expect(answer.status, `case ${i}`).toBe(200);
        expect(String(answer.headers.location)).toMatch(/^https:\/\/www\.doctolib\.fr\//);
      } else expect(answer.status, `case ${i} (${mode})`).toBe(500);
      for (const [name, value] of Object.entries(answer.headers)) {
        expect(String(value), `case ${i} ${name}`).toMatch(WRITABLE_VALUE);
      }
    }
    mode = 'headers';
    expect((await send(server.base, '/healthz')).status).toBe(200);
  });
});

describe('the built server with a hostile registry and hostile requests', () => {
  let server: RunningServer;
  const ids: string[] = [];
  const insees: string[] = [];
  const departements = new Set<string>();

  beforeAll(async () => {
    const next = random(2021);
    const dataDir = tempDataDir('creneau-hostile-');
    const registry = generateDemoRegistry(getGazetteer(), { count: 60 });
    const centres = registry.centres.map((centre) => {
      ids.push(centre.id);
      if (centre.commune.insee) insees.push(centre.commune.insee);
      if (centre.departement) departements.add(centre.departement);
      return {
        ...centre,
        name: `${centre.name}${nastyString(next)}`,
        address: {
          ...centre.address,
          lines: centre.address.lines.map((line) => `${line}${nastyString(next)}`),
        },
        notes: nastyString(next),
        commune: { ...centre.commune, name: `${centre.commune.name}${nastyString(next)}` },
        booking: centre.booking.url
          ? {
              ...centre.booking,
              url: `${centre.booking.url}${nastyString(next)}?x=${nastyString(next)}#${nastyString(next)}`,
            }
          : centre.booking,
      };
    });
    writeFileSync(
      path.join(dataDir, 'registry.json'),
      JSON.stringify({ ...registry, centres, kind: 'official' }),
    );
    server = await startServer({ dataDir, env: { ...OPERATOR_PUBLIC_URL, CRENEAU_POLLER: 'off' } });
  }, 300_000);
  afterAll(async () => server?.stop());

  function raw(pathname: string, headers: Record<string, string> = {}) {
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(`${server.url}${pathname}`, { headers }, (response) => {
          response.resume();
          response.on('end', () => resolve(response));
        })
        .on('error', reject);
    });
  }

  it('serves the hostile registry (not the demo fallback)', async () => {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { registry: { kind: string } };
    expect(health.registry.kind).toBe('official');
  });

  it('answers every route of every hostile centre with encoded headers and stays up', async () => {
    const routes = [
      ...ids.flatMap((id) => [
        `/centres/${encodeURIComponent(id)}`,
        `/go/${encodeURIComponent(id)}`,
        `/api/v1/centres/${encodeURIComponent(id)}`,
      ]),
      ...[...new Set(insees)].flatMap((insee) => [
        `/communes/${insee}`,
        `/communes/${insee}.csv`,
        `/recherche?commune=${insee}`,
      ]),
      ...[...departements].flatMap((code) => [
        `/api/v1/departements/${code}`,
        `/api/v1/vmd/${code}.json`,
        `/embed/departements/${code}`,
      ]),
    ];
    for (const route of routes) {
      const response = await raw(route);
      expect(response.statusCode, route).toBeGreaterThanOrEqual(200);
      expect(response.statusCode, route).toBeLessThan(600);
      for (const [name, value] of Object.entries(response.headers)) {
        expect(String(value), `${route} ${name}`).toMatch(WRITABLE_VALUE);
      }
    }
    expect(server.process.exitCode).toBeNull();
  });

  it('answers random Unicode and control characters in targets and headers with a status line, never a crash', async () => {
    const next = random(7);
    const bases = [
      '/',
      '/go/',
      '/centres/',
      '/recherche?commune=',
      '/api/v1/centres?q=',
      '/api/v1/departements/',
      '/_astro/',
    ];
    for (let i = 0; i < 200; i++) {
      const target = `${bases[i % bases.length]}${nastyString(next)}`;
      const line = await statusLine(server.url, target, {
        headers: {
          'Accept-Encoding': nastyString(next).replace(/[\r\n]/g, ''),
          'If-None-Match': nastyString(next).replace(/[\r\n]/g, ''),
          'X-Forwarded-Proto': nastyString(next).replace(/[\r\n]/g, ''),
        },
      }).catch((error: Error) => `closed: ${error.message}`);
      expect(line, JSON.stringify(target)).toMatch(/^HTTP\/1\.1 [1-5]\d\d /);
      expect(line, JSON.stringify(target)).not.toMatch(/^HTTP\/1\.1 500 /);
    }
    expect(server.process.exitCode).toBeNull();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
