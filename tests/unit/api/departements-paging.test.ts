import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEPARTEMENT_PAGE_SIZE, departementCentres } from '../../../src/api/departements.ts';
import { type AppContext, loadAppContext } from '../../../src/app/app-context.ts';
import type { AvailabilityView } from '../../../src/availability/availability-view.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { generateDemoRegistry } from '../../../src/registry/demo.ts';
import type { NodeHandler } from '../../../src/responses/astro-render.ts';
import { rankHits } from '../../../src/search/availability-filters.ts';
import { findCentres } from '../../../src/search/find-centres.ts';
import { handleApi } from '../../../src/shared/http.ts';
import { type ErrorBody, get } from '../../fixtures/api-context.ts';
import { checkedState } from '../opendata/app-with-states.ts';
import { send, serve } from '../responses/serve.ts';

/** The origin the response path's harness (responses/serve.ts) is configured with, here CRENEAU_PUBLIC_URL too. */
const ORIGIN = 'https://creneau.example';
const CODE = '35';
const CENTRES = 1_600;
const AT = '2021-04-20T08:00:00.000Z';
const NOW = new Date('2021-04-20T08:01:00Z');

interface PageBody {
  generated_at: string;
  departement: { code: string; name: string };
  totals: { centres: number; centres_with_slots: number; slots: number; centres_unknown: number };
  paging: {
    page: number;
    pages: number;
    per_page: number;
    total: number;
    next: string | null;
    prev: string | null;
  };
  centres: Array<{ id: string; departement: string }>;
  registry: unknown;
}

let app: AppContext;
let expectedOrder: string[];

/** Fourteen days of slots, split by period: the payload a polled centre carries in the API. */
function busyState(id: string, n: number): CentreState {
  const per_day: Record<string, number> = {};
  for (let day = 0; day < 14; day++) per_day[`2021-04-${String(21 + day).padStart(2, '0')}`] = (n + day) % 9;
  const slot_count = Object.values(per_day).reduce((a, b) => a + b, 0);
  return checkedState(id, AT, {
    status: n % 5 === 0 ? 'none' : 'some',
    slot_count: n % 5 === 0 ? 0 : slot_count,
    next_slot: n % 5 === 0 ? null : '2021-04-21T09:30:00+02:00',
    per_day: n % 5 === 0 ? {} : per_day,
    per_dose: { first: slot_count - 3, second: 2, booster: 1, unknown: 0 },
    per_vaccine: { 'Pfizer-BioNTech': slot_count - 4, Moderna: 4 },
    booking_url: `https://www.doctolib.fr/centre-de-sante/rennes/centre-${n}`,
  });
}

/** The demo registry with département 35 grown to 1,600 centres (copies of its own, spread around Rennes). */
async function bigDepartement(): Promise<AppContext> {
  const demo = generateDemoRegistry(getGazetteer());
  const own = demo.centres.filter((c) => c.departement === CODE);
  const copies = Array.from({ length: CENTRES - own.length }, (_, i) => {
    const model = own[i % own.length];
    if (!model) throw new Error('the demo registry has no centre in Ille-et-Vilaine');
    return {
      ...model,
      id: `big-${String(i).padStart(4, '0')}`,
      name: `${model.name} ${i}`,
      location: model.location && {
        ...model.location,
        lat: model.location.lat + ((i % 40) - 20) / 400,
        lon: model.location.lon + (Math.trunc(i / 40) - 20) / 400,
      },
    };
  });
  const centres = [...demo.centres, ...copies];
  const states = new Map(
    centres.filter((c) => c.departement === CODE).map((c, n) => [c.id, busyState(c.id, n)] as const),
  );
  let version = 0;
  const availability = {
    state: (id: string) => states.get(id),
    providers: () => [],
    // A new version on every read, as appWithStates does: answers are built afresh, never stale.
    get version() {
      return `test.${version++}`;
    },
  } as unknown as AvailabilityView;
  return loadAppContext({ registry: { ...demo, centres }, availability, now: () => NOW });
}

const answer = (query: string, headers: Record<string, string> = {}) =>
  handleApi(() =>
    departementCentres(app, get(`/api/v1/departements/${CODE}${query}`, headers).request, CODE),
  );

async function page(query: string): Promise<{ bytes: number; body: PageBody; etag: string | null }> {
  const response = await answer(query);
  expect(response.status, query).toBe(200);
  const text = await response.text();
  return {
    bytes: Buffer.byteLength(text),
    body: JSON.parse(text) as PageBody,
    etag: response.headers.get('etag'),
  };
}

beforeAll(async () => {
  vi.stubEnv('CRENEAU_PUBLIC_URL', `${ORIGIN}/`);
  app = await bigDepartement();
  expectedOrder = rankHits(
    findCentres(app, { by: 'departement', code: CODE }).hits,
    app.availability,
    NOW,
  ).map((hit) => hit.centre.id);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('GET /api/v1/departements/{code} for a département of 1,600 centres', () => {
  it('is answered in pages each well under 2 MB, that together list every centre once, in order', async () => {
    expect(expectedOrder).toHaveLength(CENTRES);
    const pages: Array<{ bytes: number; body: PageBody }> = [];
    let query: string | null = '';
    while (query !== null && pages.length < 20) {
      const shown = await page(query);
      pages.push(shown);
      const next = shown.body.paging.next;
      query = next === null ? null : new URL(next).search;
    }
    expect(pages).toHaveLength(Math.ceil(CENTRES / DEPARTEMENT_PAGE_SIZE));
    for (const { bytes, body } of pages) {
      expect(bytes, `page ${body.paging.page}`).toBeLessThan(500_000);
      expect(body.centres.length).toBeLessThanOrEqual(DEPARTEMENT_PAGE_SIZE);
    }
    // The whole département in one answer would have been the 2 MB this paging avoids.
    expect(pages.reduce((sum, { bytes }) => sum + bytes, 0)).toBeGreaterThan(2_000_000);
    expect(pages.flatMap(({ body }) => body.centres.map((c) => c.id))).toEqual(expectedOrder);
  });

  it('keeps the first page’s fields on every page, with the whole département’s totals', async () => {
    const first = (await page('')).body;
    const last = (await page('?page=8')).body;
    expect(Object.keys(first)).toEqual([
      'generated_at',
      'departement',
      'totals',
      'paging',
      'centres',
      'registry',
    ]);
    expect(Object.keys(last)).toEqual(Object.keys(first));
    expect(first.departement).toEqual({ code: CODE, name: 'Ille-et-Vilaine' });
    expect(first.totals.centres).toBe(CENTRES);
    expect(last.totals).toEqual(first.totals);
    expect(first.totals.centres_with_slots).toBe(CENTRES - CENTRES / 5);
  });

  it('links the next and previous pages from the public origin, never from the request’s Host', async () => {
    const response = await answer('?page=2', { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
    const second = (await response.json()) as PageBody;
    expect(second.paging).toEqual({
      page: 2,
      pages: 8,
      per_page: DEPARTEMENT_PAGE_SIZE,
      total: CENTRES,
      next: `${ORIGIN}/api/v1/departements/35?page=3`,
      prev: `${ORIGIN}/api/v1/departements/35`,
    });
    const first = (await page('')).body.paging;
    expect(first).toMatchObject({ page: 1, prev: null, next: `${ORIGIN}/api/v1/departements/35?page=2` });
    const last = (await page('?page=8')).body.paging;
    expect(last).toMatchObject({ page: 8, prev: `${ORIGIN}/api/v1/departements/35?page=7`, next: null });
  });

  it('reads a malformed page= as the first page, like the results page', async () => {
    const first = await page('');
    for (const query of ['?page=abc', '?page=0', '?page=-2', '?page=1.5', '?page=', '?page=%20', '?page=1']) {
      const shown = await page(query);
      expect(shown.body.paging.page, query).toBe(1);
      expect(shown.etag, query).toBe(first.etag);
      expect(
        shown.body.centres.map((c) => c.id),
        query,
      ).toEqual(first.body.centres.map((c) => c.id));
    }
    expect((await page('?page=%202%20')).body.paging.page).toBe(2);
  });

  it('answers a page past the last with 404 in the API’s error shape, not kept', async () => {
    const response = await answer('?page=9');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('8 page(s)');
  });

  it('gives page=1 and no page one entry in the response memo, and each other page its own', async () => {
    const astro: NodeHandler = (req, res) => {
      const url = new URL(req.url ?? '/', ORIGIN);
      const code = decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
      handleApi(() => departementCentres(app, new Request(url), code)).then((response) =>
        writeResponse(response, res),
      );
    };
    const renders: string[] = [];
    const server = await serve((req, res) => {
      renders.push(req.url ?? '');
      astro(req, res);
    });
    try {
      const bodies = new Set<string>();
      for (const path of [
        '/api/v1/departements/35',
        '/api/v1/departements/35?page=1',
        '/api/v1/departements/35/?page=%201',
        '/api/v1/departements/35?page=01',
        '/api/v1/departements/35?page=abc',
      ]) {
        const shown = await send(server.base, path);
        expect(shown.status, path).toBe(200);
        bodies.add(shown.body.toString());
      }
      expect(renders).toEqual(['/api/v1/departements/35']);
      expect(bodies.size).toBe(1);
      expect(server.path.stats().memo).toMatchObject({ entries: 1, misses: 1, hits: 4 });
      for (const path of ['/api/v1/departements/35?page=2', '/api/v1/departements/35?page=02'])
        expect((await send(server.base, path)).status).toBe(200);
      expect(renders).toEqual(['/api/v1/departements/35', '/api/v1/departements/35?page=2']);
      // A page past the end is answered, but takes no place in the memo.
      expect((await send(server.base, '/api/v1/departements/35?page=9')).status).toBe(404);
      expect(server.path.stats().memo.entries).toBe(2);
    } finally {
      await server.close();
    }
  });
});

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
