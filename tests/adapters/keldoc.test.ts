import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import keldoc from '../../src/adapters/keldoc/adapter.ts';
import { capture } from '../fixtures/captures.ts';
import { API, serveKeldoc } from '../fixtures/keldoc/fake.ts';
import { makeCentre } from '../fixtures/world.ts';
import { runAdapterContract, server, testContext } from './contract.ts';

const centre = makeCentre({
  id: 'demo-keldoc',
  booking: {
    url: 'https://vaccination-covid.keldoc.com/cabinet-medical/paris-75002/centre-test?specialty=144&cabinet=17136',
    platform: 'keldoc',
  },
});

runAdapterContract({ adapter: keldoc, scenarios: { centre, serve: serveKeldoc, phoneOnly: true } });

describe('keldoc adapter on real captures', () => {
  const ain = makeCentre({
    id: 'demo-keldoc-ain',
    booking: {
      url: 'https://vaccination-covid.keldoc.com/cabinet-medical/valserhone-01200/jean-marinet',
      platform: 'keldoc',
    },
  });

  it('follows resource, motive categories and a next-date timetable to the next slot', async () => {
    const resourceQueries: URLSearchParams[] = [];
    const agendaQueries: string[][] = [];
    server.use(
      http.get(`${API}/searches/resource`, ({ request }) => {
        resourceQueries.push(new URL(request.url).searchParams);
        return HttpResponse.json(capture('providers/keldoc/resource-ain.json'));
      }),
      http.get(`${API}/clinics/2737/specialties/144/cabinets/17136/motive_categories`, () =>
        HttpResponse.json(capture('providers/keldoc/motives-ain.json')),
      ),
      http.get(`${API}/timetables/:motive`, ({ request }) => {
        agendaQueries.push(new URL(request.url).searchParams.getAll('agenda_ids[]'));
        return HttpResponse.json(capture('providers/keldoc/center1-timetable-81484.json'));
      }),
    );
    const availability = await keldoc.fetchAvailability(ain, testContext(keldoc));
    expect(resourceQueries.map((q) => Object.fromEntries(q))).toEqual([
      { type: 'cabinet-medical', location: 'valserhone-01200', slug: 'jean-marinet' },
    ]);
    expect(agendaQueries).toHaveLength(6);
    expect(agendaQueries[0]).toEqual(['49968', '49969', '50247', '51313', '51314', '56107']);
    expect(availability).toMatchObject({
      status: 'some',
      slot_count: 0,
      next_slot: '2021-04-20T16:55:00+02:00',
    });
  });

  it('gives the phone number of a phone-only answer', async () => {
    server.use(...serveKeldoc({ zone: 'Europe/Paris', slots: [], phoneOnly: true }));
    const availability = await keldoc.fetchAvailability(centre, testContext(keldoc));
    expect(availability).toMatchObject({ status: 'phone_only', booking_phone: '0450000000' });
  });
});
