import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

interface CentreJson {
  id: string;
  name: string;
  distance_km: number | null;
  booking_link: string | null;
  booking: { url: string | null; platform: string };
  phones: string[];
  location: { lat: number; lon: number } | null;
  commune: { insee: string | null };
}

let server: RunningServer;
const get = (path: string, init?: RequestInit) =>
  fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
const getJson = async <T>(path: string) => {
  const response = await get(path);
  return { status: response.status, body: (await response.json()) as T, response };
};

beforeAll(async () => {
  server = await startServer();
}, 300_000);
afterAll(async () => server?.stop());

describe('GET /healthz', () => {
  it('reports the demo registry when nothing was imported', async () => {
    const { status, body } = await getJson<{ status: string; registry: { kind: string; centres: number } }>(
      '/healthz',
    );
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.registry.kind).toBe('demo');
    expect(body.registry.centres).toBeGreaterThan(200);
  });
});

describe('GET /api/v1/places', () => {
  it('suggests Rennes first for "rennes", with INSEE code, postcodes, département and coordinates', async () => {
    const { status, body } = await getJson<{ places: Array<Record<string, unknown>> }>(
      '/api/v1/places?q=rennes',
    );
    expect(status).toBe(200);
    expect(body.places[0]).toMatchObject({
      kind: 'commune',
      insee: '35238',
      name: 'Rennes',
      departement: '35',
    });
    expect(body.places[0]?.postcodes).toContain('35000');
    expect(body.places[0]?.location).toMatchObject({
      lat: expect.closeTo(48.11, 1),
      lon: expect.closeTo(-1.68, 1),
    });
  });
});

describe('GET /api/v1/centres', () => {
  it('lists the centres around a commune nearest first, each with distance and a /go booking link', async () => {
    const { status, body } = await getJson<{
      total: number;
      centres: CentreJson[];
      origin: { label: string };
    }>('/api/v1/centres?commune=35238&radius_km=30&limit=100');
    expect(status).toBe(200);
    expect(body.origin.label).toBe('Rennes');
    expect(body.centres.length).toBeGreaterThanOrEqual(3);
    const distances = body.centres.map((c) => c.distance_km ?? Number.POSITIVE_INFINITY);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances.every((d) => d <= 30)).toBe(true);
    for (const centre of body.centres) {
      expect(centre.booking_link).toBe(centre.booking.url ? `/go/${centre.id}` : null);
    }
  });

  // Filters, paging, every refusal and caching are the handler's, unit-tested without a server in
  // tests/unit/api/; this proves the route answers them through Astro as the handler does.
  it('answers a refused query with 400 and {error:{code,message}}, readable from any origin', async () => {
    const { status, body, response } = await getJson<{ error: { code: string; message: string } }>(
      '/api/v1/centres?commune=35238&radius=10',
    );
    expect(status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(body.error).toEqual({ code: 'bad_request', message: 'Unknown parameter: radius.' });
  });
});

describe('GET /api/v1/centres/{id}', () => {
  it('returns one centre, and 404 for an unknown id', async () => {
    const list = await getJson<{ centres: CentreJson[] }>('/api/v1/centres?commune=35238');
    const first = list.body.centres[0];
    if (!first) throw new Error('no centre near Rennes');
    const one = await getJson<{ centre: CentreJson }>(`/api/v1/centres/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.body.centre.id).toBe(first.id);
    const missing = await getJson<{ error: { code: string } }>('/api/v1/centres/nope-404');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('GET /go/{id}', () => {
  let online: CentreJson;
  let offline: CentreJson | undefined;
  beforeAll(async () => {
    const { body } = await getJson<{ centres: CentreJson[] }>('/api/v1/centres?departement=75');
    const everywhere = (
      await getJson<{ centres: CentreJson[] }>('/api/v1/centres?lat=46.6&lon=2.4&radius_km=200&limit=100')
    ).body.centres;
    const withUrl = [...body.centres, ...everywhere].find((c) => c.booking.url);
    if (!withUrl) throw new Error('no centre with a booking URL');
    online = withUrl;
    offline = [...body.centres, ...everywhere].find((c) => !c.booking.url && c.phones.length > 0);
  });

  it('redirects with 302 to the centre own booking URL, tagged source=creneau', async () => {
    const response = await get(`/go/${online.id}`);
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(location.startsWith(online.booking.url ?? '-')).toBe(true);
    expect(new URL(location).searchParams.get('source')).toBe('creneau');
  });

  it.each(['?url=https://evil.example', '?next=//evil.example', '?location=https://evil.example&source=x'])(
    'ignores request parameters that try to choose the target (%s)',
    async (query) => {
      const response = await get(`/go/${online.id}${query}`);
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get('location') ?? '').host).toBe(
        new URL(online.booking.url ?? '').host,
      );
    },
  );

  it.each([
    '/go/https%3A%2F%2Fevil.example',
    '/go/%2F%2Fevil.example',
    '/go/..%2F..%2Fevil',
    '/go/unknown-centre',
  ])('never redirects for an id that is not a centre (%s)', async (path) => {
    const response = await get(path);
    expect(response.status).not.toBe(302);
    expect(response.headers.get('location')).toBeNull();
  });

  it('shows a helpful 404 page with the phone number for a centre without online booking', async () => {
    if (!offline) throw new Error('the demo registry should have phone-only centres');
    const response = await get(`/go/${offline.id}`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('Pas de réservation en ligne');
    expect(html).toMatch(/href="tel:/);
  });
});

describe('pages', () => {
  it('renders the result list on the server for a shareable search URL, without JavaScript', async () => {
    const response = await get('/recherche?commune=35238&rayon=20');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Centres de vaccination près de Rennes');
    expect(html).toMatch(/class="card"/);
    expect(html).toContain('Site de démonstration');
  });

  it('resolves free text typed without JavaScript (q=)', async () => {
    const response = await get('/recherche?q=Rennes');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('près de Rennes');
  });

  it('says plainly when a place is unknown', async () => {
    const response = await get('/recherche?q=zzzzzzzz');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Aucune commune');
  });

  it('serves a centre page and a 404 page for an unknown centre', async () => {
    const { body } = await getJson<{ centres: CentreJson[] }>('/api/v1/centres?commune=35238');
    const first = body.centres[0];
    if (!first) throw new Error('no centre');
    const page = await get(`/centres/${first.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`data-centre-id="${first.id}"`);
    expect((await get('/centres/does-not-exist')).status).toBe(404);
  });
});
