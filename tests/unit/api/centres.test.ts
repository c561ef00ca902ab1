import { beforeAll, describe, expect, it } from 'vitest';
import { getCentre, listCentres } from '../../../src/api/centres.ts';
import type { AppContext } from '../../../src/app/app-context.ts';
import { distanceKm } from '../../../src/geo/distance.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { handleApi } from '../../../src/shared/http.ts';
import { apiContext, type ErrorBody, get } from '../../fixtures/api-context.ts';
import { checkedState } from '../opendata/app-with-states.ts';

interface CentreJson {
  id: string;
  distance_km: number | null;
  booking_link: string | null;
  booking: { url: string | null; platform: string };
  location: { lat: number; lon: number } | null;
  availability: { status: string; slot_count: number };
}
interface ListBody {
  total: number;
  limit: number;
  offset: number;
  origin: { label: string };
  centres: CentreJson[];
}

const AT = '2021-04-20T08:00:00.000Z';
let app: AppContext;
let parisIds: string[];

const list = async (query: string, headers: Record<string, string> = {}) => {
  const { request, url } = get(`/api/v1/centres${query}`, headers);
  return handleApi(() => listCentres(app, request, url));
};
const listJson = async (query: string) => (await (await list(query)).json()) as ListBody;

beforeAll(async () => {
  const plain = await apiContext();
  parisIds = plain.centres
    .all()
    .filter((c) => c.departement === '75')
    .map((c) => c.id);
  const states = new Map<string, CentreState>();
  const [first, second, third] = parisIds;
  if (!first || !second || !third) throw new Error('the demo registry has fewer than three Paris centres');
  states.set(
    first,
    checkedState(first, AT, {
      status: 'some',
      slot_count: 4,
      next_slot: '2021-04-21T10:00:00+02:00',
      per_dose: { first: 1, second: 3, booster: 0, unknown: 0 },
      per_vaccine: { 'Pfizer-BioNTech': 4 },
    }),
  );
  states.set(second, checkedState(second, AT, { status: 'none' }));
  states.set(
    third,
    checkedState(third, AT, {
      status: 'some',
      slot_count: 2,
      next_slot: '2021-04-20T15:00:00+02:00',
      per_dose: { first: 2, second: 0, booster: 0, unknown: 0 },
      per_vaccine: { Moderna: 2 },
    }),
  );
  app = await apiContext({ states });
});

describe('listCentres', () => {
  it('lists the centres around a commune nearest first, each with its distance and a /go booking link', async () => {
    const response = await list('?commune=35238&radius_km=30&limit=100');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as ListBody;
    expect(body.origin.label).toBe('Rennes');
    expect(body.centres.length).toBeGreaterThanOrEqual(3);
    const distances = body.centres.map((c) => c.distance_km ?? Number.POSITIVE_INFINITY);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances.every((d) => d <= 30)).toBe(true);
    for (const centre of body.centres)
      expect(centre.booking_link).toBe(centre.booking.url ? `/go/${centre.id}` : null);
  });

  it('measures great-circle distances from the point asked for', async () => {
    const origin = { lat: 48.8566, lon: 2.3522 };
    const body = await listJson(`?lat=${origin.lat}&lon=${origin.lon}&radius_km=15`);
    expect(body.centres.length).toBeGreaterThan(0);
    for (const centre of body.centres)
      if (centre.location) expect(centre.distance_km).toBeCloseTo(distanceKm(origin, centre.location), 1);
  });

  it('pages with limit and offset over the same ordering', async () => {
    const all = await listJson('?departement=75&limit=100');
    const page = await listJson('?departement=75&limit=2&offset=2');
    expect(page).toMatchObject({ total: all.total, limit: 2, offset: 2 });
    expect(page.centres.map((c) => c.id)).toEqual(all.centres.slice(2, 4).map((c) => c.id));
  });

  it('finds centres by postcode and by département', async () => {
    expect((await listJson('?postcode=35000')).centres.length).toBeGreaterThan(0);
    expect((await listJson('?departement=75&limit=100')).total).toBe(parisIds.length);
  });

  it('shows the availability the cache holds, and filters on it', async () => {
    const body = await listJson('?departement=75&limit=100');
    const [first, second] = parisIds;
    expect(body.centres.find((c) => c.id === first)?.availability).toMatchObject({
      status: 'some',
      slot_count: 4,
    });
    expect(body.centres.find((c) => c.id === second)?.availability.status).toBe('none');
    expect(body.centres.filter((c) => c.availability.status === 'unknown').length).toBe(parisIds.length - 3);
    const ids = async (query: string) =>
      (await listJson(`?departement=75&limit=100${query}`)).centres.map((c) => c.id);
    const third = parisIds[2];
    expect((await ids('&available=true')).sort()).toEqual([first, third].sort());
    expect(await ids('&dose=second')).toEqual([first]);
    expect(await ids('&vaccine=moderna')).toEqual([third]);
    // The soonest slot first, then centres without one.
    expect((await ids('&sort=next_slot')).slice(0, 2)).toEqual([third, first]);
    const doctolib = (await listJson('?departement=75&limit=100&platform=doctolib')).centres;
    expect(doctolib.length).toBeGreaterThan(0);
    expect(doctolib.every((c) => c.booking.platform === 'doctolib')).toBe(true);
  });

  it('answers 404 with the error shape for a well-formed but unknown commune', async () => {
    const response = await list('?commune=99999');
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorBody).error.code).toBe('not_found');
  });

  it.each([
    '',
    '?radius_km=10',
    '?lat=48.1',
    '?lat=abc&lon=2',
    '?lat=91&lon=2',
    '?lat=48&lon=2&radius_km=0',
    '?lat=48&lon=2&radius_km=1e9',
    '?lat=48&lon=2&radius_km=NaN',
    '?commune=35238&postcode=35000',
    '?commune=Rennes',
    '?commune=%3Cscript%3E',
    '?postcode=3500',
    '?departement=99',
    '?departement=35&radius_km=10',
    '?commune=35238&limit=0',
    '?commune=35238&limit=1000',
    '?commune=35238&offset=-1',
    '?commune=35238&radius=10',
    '?commune=35238&commune=35288',
    '?departement=35&available=maybe',
    '?departement=35&dose=third',
    '?departement=35&sort=random',
    '?departement=35&platform=ordoclic-not-yet',
    `?commune=${'9'.repeat(5000)}`,
  ])('answers 400 with {error:{code,message}} for %s', async (query) => {
    const response = await list(query);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe('bad_request');
    expect(error.message.length).toBeGreaterThan(5);
  });

  it('sends a shared Cache-Control and an ETag, and 304 without a body to a matching If-None-Match', async () => {
    const first = await list('?commune=35238');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(
      /max-age=\d+, stale-while-revalidate=\d+, stale-if-error=\d+/,
    );
    const again = await list('?commune=35238', { 'if-none-match': `W/${etag}` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await list('?commune=35238', { 'if-none-match': '"other"' })).status).toBe(200);
  });
});

describe('getCentre', () => {
  const one = (id: string | undefined, headers: Record<string, string> = {}) =>
    handleApi(() => getCentre(app, get(`/api/v1/centres/${id}`, headers).request, id));

  it('returns one centre with its availability and booking link', async () => {
    const id = parisIds[0] ?? '';
    const response = await one(id);
    expect(response.status).toBe(200);
    const { centre } = (await response.json()) as { centre: CentreJson };
    expect(centre).toMatchObject({ id, availability: { status: 'some', slot_count: 4 } });
    const etag = response.headers.get('etag') ?? '';
    expect((await one(id, { 'if-none-match': etag })).status).toBe(304);
  });

  it('answers 404 with the error shape for an unknown id', async () => {
    for (const id of ['nope-404', undefined]) {
      const response = await one(id);
      expect(response.status).toBe(404);
      const { error } = (await response.json()) as ErrorBody;
      expect(error).toEqual({ code: 'not_found', message: expect.stringContaining('No centre') });
    }
  });
});
