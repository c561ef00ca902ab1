import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getGazetteer } from '../../src/places/gazetteer.ts';
import { generateDemoRegistry } from '../../src/registry/demo.ts';
import { MARKERS_MAX } from '../../src/search/markers.ts';
import { PAGE_SIZE } from '../../src/search/params.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

const CENTRES = 100_000;
const BUDGET = 40 * 1024;
let server: RunningServer;

beforeAll(async () => {
  const dataDir = tempDataDir('creneau-bounded-');
  const registry = generateDemoRegistry(getGazetteer(), { count: CENTRES });
  writeFileSync(path.join(dataDir, 'registry.json'), JSON.stringify({ ...registry, kind: 'official' }));
  // A web-only instance: the size of a page is the point, not polling 100,000 centres.
  server = await startServer({ dataDir, env: { ...OPERATOR_PUBLIC_URL, CRENEAU_POLLER: 'off' } });
}, 300_000);
afterAll(async () => {
  await server?.stop();
});

/** The page's body as a client that takes gzip would receive it, and its size compressed. */
async function page(route: string): Promise<{ status: number; html: string; gzipped: number }> {
  const response = await fetch(`${server.url}${route}`, { headers: { 'accept-encoding': 'identity' } });
  const html = await response.text();
  return { status: response.status, html, gzipped: gzipSync(html, { level: 6 }).byteLength };
}

const cards = (html: string) => html.match(/<article class="card"/g)?.length ?? 0;

// The densest searches of the country at 100,000 centres: Paris and its département, the widest radius.
const SEARCHES = [
  '/recherche?commune=75056&rayon=200',
  '/recherche?departement=75',
  '/recherche?departement=59',
  '/recherche?cp=75011&rayon=200&tri=distance',
  '/recherche?lat=48.8566&lon=2.3522&rayon=200&pros=1',
  '/recherche?q=Paris&rayon=100&lang=en',
  '/recherche?commune=69123&rayon=200&page=40',
];

describe(`/recherche at ${CENTRES.toLocaleString('en')} centres`, () => {
  it.each(SEARCHES)('%s lists one page and stays within 40 KB gzipped', async (route) => {
    const { status, html, gzipped } = await page(route);
    expect(status).toBe(200);
    expect(cards(html)).toBe(PAGE_SIZE);
    expect(html).toContain('data-testid="more-results"');
    expect(gzipped).toBeLessThanOrEqual(BUDGET);
  });

  it('gives the map the area’s markers as compact JSON, the nearest MARKERS_MAX at most', async () => {
    const response = await fetch(`${server.url}/api/v1/markers?commune=75056&rayon=200`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total: number; truncated: boolean; markers: unknown[] };
    expect(body.total).toBeGreaterThan(MARKERS_MAX);
    expect(body.truncated).toBe(true);
    expect(body.markers).toHaveLength(MARKERS_MAX);
  });

  it('follows "voir plus" to the next 20 without any script', async () => {
    const first = await page('/recherche?departement=75');
    const next = /rel="next" href="([^"]+)"/.exec(first.html)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBe('/recherche?departement=75&page=2');
    const second = await page(next ?? '');
    const ids = (html: string) => [...html.matchAll(/data-centre-id="([^"]+)"/g)].map((m) => m[1]);
    expect(cards(second.html)).toBe(PAGE_SIZE);
    expect(ids(second.html).filter((id) => ids(first.html).includes(id))).toEqual([]);
    expect(second.html).toContain('start="21"');
    expect(gunzipSync(gzipSync(second.html)).toString()).toBe(second.html);
  });
});
