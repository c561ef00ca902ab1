import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

const ORIGIN = 'https://vaccins.example.org';
let server: RunningServer;
const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

beforeAll(async () => {
  server = await startServer({ env: { CRENEAU_PUBLIC_URL: ORIGIN } });
}, 300_000);
afterAll(async () => server?.stop());

describe('GET /api/v1/departements/{code}?page= through the server', () => {
  it('answers the first page with its paging; page=1 and malformed values are the same answer', async () => {
    const plain = await get('/api/v1/departements/35');
    expect(plain.status).toBe(200);
    const body = (await plain.json()) as {
      totals: { centres: number };
      paging: Record<string, unknown>;
      centres: unknown[];
    };
    // The demo's Ille-et-Vilaine fits in one page.
    expect(body.paging).toEqual({
      page: 1,
      pages: 1,
      per_page: 200,
      total: body.totals.centres,
      next: null,
      prev: null,
    });
    expect(body.centres).toHaveLength(body.totals.centres);
    // Same answer = same ETag at one data version. The poller keeps polling, so a variant is compared
    // with the plain URL asked just before and just after it; a version change in between is retried.
    const etag = async (query: string) => (await get(`/api/v1/departements/35${query}`)).headers.get('etag');
    for (const query of ['?page=1', '?page=abc', '?page=0']) {
      let compared = false;
      for (let attempt = 0; attempt < 20 && !compared; attempt++) {
        const before = await etag('');
        const variant = await etag(query);
        if (before !== (await etag(''))) continue;
        expect(variant, query).toBe(before);
        compared = true;
      }
      expect(compared, `${query}: the data never held still for three requests`).toBe(true);
    }
  });

  it('answers a page past the last with a 404 in the API’s error shape', async () => {
    const response = await get('/api/v1/departements/35?page=2');
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
