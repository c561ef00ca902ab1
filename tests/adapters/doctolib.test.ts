import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import doctolib from '../../src/adapters/doctolib/adapter.ts';
import { capture } from '../fixtures/captures.ts';
import { BASE, bookingOf, serveDoctolib } from '../fixtures/doctolib/fake.ts';
import twoPlaces from '../fixtures/doctolib/two-places-booking.json' with { type: 'json' };
import { makeCentre } from '../fixtures/world.ts';
import { runAdapterContract, server, testContext } from './contract.ts';

const centre = makeCentre({
  id: 'demo-doctolib',
  booking: {
    url: 'https://partners.doctolib.fr/centre-de-sante/paris/centre-test?pid=practice-5001',
    platform: 'doctolib',
  },
});

runAdapterContract({
  adapter: doctolib,
  scenarios: { centre, serve: (world) => serveDoctolib(world), phoneOnly: true },
});

function requestsTo(path: string) {
  const seen: URLSearchParams[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname === path) seen.push(url.searchParams);
  });
  return seen;
}

describe('doctolib adapter on real captures', () => {
  const captured = makeCentre({
    id: 'demo-doctolib-captured',
    booking: {
      url: 'https://partners.doctolib.fr/centre-de-sante/paris/capture?pid=practice-165752',
      platform: 'doctolib',
    },
  });

  it('reads the captured booking and availabilities, dating slots by their offset', async () => {
    server.use(
      http.get(`${BASE}/booking/:slug`, () =>
        HttpResponse.json(capture('providers/doctolib/basic-booking.json')),
      ),
      http.get(`${BASE}/availabilities.json`, () =>
        HttpResponse.json(capture('providers/doctolib/basic-availabilities.json')),
      ),
    );
    const ctx = testContext(doctolib, { now: () => new Date('2021-03-25T08:00:00Z') });
    const availability = await doctolib.fetchAvailability(captured, ctx);
    expect(availability).toMatchObject({
      status: 'some',
      slot_count: 1,
      next_slot: '2021-03-25T20:45:00+01:00',
      per_day: { '2021-03-25': 1 },
      per_dose: { first: 1, second: 0, booster: 0, unknown: 0 },
      per_vaccine: { Moderna: 1 },
    });
  });

  it('jumps to next_slot instead of paging through an empty window', async () => {
    const starts = requestsTo('/availabilities.json');
    server.use(
      http.get(`${BASE}/booking/:slug`, () =>
        HttpResponse.json(capture('providers/doctolib/basic-booking.json')),
      ),
      http.get(`${BASE}/availabilities.json`, ({ request }) =>
        HttpResponse.json(
          new URL(request.url).searchParams.get('start_date') === '2021-04-01'
            ? capture('providers/doctolib/next-slot-availabilities.json')
            : capture('providers/doctolib/basic-availabilities.json'),
        ),
      ),
    );
    const ctx = testContext(doctolib, { now: () => new Date('2021-04-01T08:00:00Z') });
    const availability = await doctolib.fetchAvailability(captured, ctx);
    expect(starts.map((q) => q.get('start_date'))).toEqual(['2021-04-01', '2021-04-10']);
    expect(starts.every((q) => Number(q.get('limit')) <= 14)).toBe(true);
    expect(availability).toMatchObject({ status: 'some', slot_count: 1, per_day: { '2021-04-10': 1 } });
  });
});

describe('doctolib adapter specifics', () => {
  const atPlace = (pid: string) =>
    makeCentre({
      id: `demo-doctolib-${pid}`,
      booking: {
        url: `https://www.doctolib.fr/centre-de-sante/paris/deux-lieux?pid=${pid}`,
        platform: 'doctolib',
      },
    });

  it('asks only for the place the centre URL selects, with that place’s bookable agendas', async () => {
    const queries = requestsTo('/availabilities.json');
    server.use(
      http.get(`${BASE}/booking/deux-lieux.json`, () => HttpResponse.json(twoPlaces)),
      http.get(`${BASE}/availabilities.json`, () => HttpResponse.json({ availabilities: [], total: 0 })),
    );
    const availability = await doctolib.fetchAvailability(atPlace('practice-902'), testContext(doctolib));
    expect(availability.status).toBe('none');
    expect(
      new Set(
        queries.map((q) => `${q.get('practice_ids')}|${q.get('visit_motive_ids')}|${q.get('agenda_ids')}`),
      ),
    ).toEqual(new Set(['902|7|32']));
  });

  it('reports not_found when the URL names a place the booking does not have', async () => {
    server.use(http.get(`${BASE}/booking/deux-lieux.json`, () => HttpResponse.json(twoPlaces)));
    const availability = await doctolib.fetchAvailability(atPlace('practice-999'), testContext(doctolib));
    expect(availability).toMatchObject({ status: 'unknown', error: { kind: 'not_found' } });
  });

  it('never asks for motives that are not vaccinations', async () => {
    const queries = requestsTo('/availabilities.json');
    server.use(...serveDoctolib({ zone: 'Europe/Paris', slots: [] }));
    await doctolib.fetchAvailability(centre, testContext(doctolib));
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.some((q) => q.get('visit_motive_ids') === '104')).toBe(false);
  });

  it('counts a bare time once when another motive already named its agenda at that start', async () => {
    // First-shot motives list objects with agenda_id; the others list bare times, which name no agenda.
    const named = '2021-04-21T10:00:00+02:00';
    const bareOnly = '2021-04-21T11:00:00+02:00';
    server.use(
      http.get(`${BASE}/booking/:slug`, () =>
        HttpResponse.json(bookingOf({ zone: 'Europe/Paris', slots: [] })),
      ),
      http.get(`${BASE}/availabilities.json`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        const first = query.get('visit_motive_ids') === '101';
        const slots = first ? [{ start_date: named, agenda_id: 11 }] : [named, bareOnly];
        const inWindow = query.get('start_date') === '2021-04-20';
        return HttpResponse.json({ availabilities: [{ date: '2021-04-21', slots: inWindow ? slots : [] }] });
      }),
    );
    const availability = await doctolib.fetchAvailability(centre, testContext(doctolib));
    expect(availability).toMatchObject({
      status: 'some',
      slot_count: 2,
      per_dose: { first: 1, second: 1, booster: 0, unknown: 0 },
    });
  });

  it('does not claim search pages without a booking slug', () => {
    expect(doctolib.claims(new URL('https://www.doctolib.fr/vaccination-covid-19/marseille'))).toBe(false);
    expect(
      doctolib.claims(new URL('https://partners.doctolib.fr/hopital-public/marseille/vaccinationcovidaphm')),
    ).toBe(true);
  });
});
