import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import maiia from '../../src/adapters/maiia/adapter.ts';
import { capture } from '../fixtures/captures.ts';
import { API, serveMaiia } from '../fixtures/maiia/fake.ts';
import { makeCentre } from '../fixtures/world.ts';
import { runAdapterContract, server, testContext } from './contract.ts';

const centre = makeCentre({
  id: 'demo-maiia',
  booking: {
    url: 'https://www.maiia.com/centre-de-vaccination/75002-paris/centre-test?centerid=6005bad42475225a68a3f19f',
    platform: 'maiia',
  },
});

runAdapterContract({
  adapter: maiia,
  scenarios: { centre, serve: (world) => serveMaiia(world), phoneOnly: false },
});

describe('maiia adapter on real captures', () => {
  it('classifies the captured reasons by injectionType and pages the slot list from the closest slot', async () => {
    const pages: URLSearchParams[] = [];
    server.use(
      http.get(`${API}/consultation-reason-hcd`, () =>
        HttpResponse.json(capture('providers/maiia/consultation-reason-hcd.json')),
      ),
      http.get(`${API}/availability-closests`, () =>
        HttpResponse.json(capture('providers/maiia/availability-closests.json')),
      ),
      http.get(`${API}/availabilities`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        pages.push(query);
        return HttpResponse.json({
          items: [
            {
              startDateTime: '2021-05-26T12:55:00.000Z',
              endDateTime: '2021-05-26T13:00:00.000Z',
              practitionerId: 'p1',
            },
          ],
          total: 1,
        });
      }),
    );
    const ctx = testContext(maiia, { now: () => new Date('2021-05-20T08:00:00Z') });
    const availability = await maiia.fetchAvailability(centre, ctx);
    expect(pages).toHaveLength(10);
    expect(pages[0]?.get('centerId')).toBe('6005bad42475225a68a3f19f');
    expect(pages[0]?.get('from')).toBe('2021-05-26T12:55:00.000Z');
    // Ten first-dose reasons list the same practitioner and minute: one slot.
    expect(availability).toMatchObject({
      status: 'some',
      slot_count: 1,
      next_slot: '2021-05-26T14:55:00+02:00',
      per_dose: { first: 1, second: 0, booster: 0, unknown: 0 },
    });
  });
});

describe('maiia adapter specifics', () => {
  it('reads every page when a reason has more slots than one page holds', async () => {
    const slots = Array.from({ length: 130 }, (_, i) => ({
      agenda: 'a1' as const,
      start: new Date(Date.parse('2021-04-21T06:00:00Z') + i * 300_000).toISOString(),
      motive: 'first' as const,
    }));
    server.use(...serveMaiia({ zone: 'Europe/Paris', slots }));
    const availability = await maiia.fetchAvailability(centre, testContext(maiia));
    expect(availability.slot_count).toBe(130);
  });

  it('reports not_found for a link without centerid', async () => {
    const bare = makeCentre({
      id: 'demo-maiia-bare',
      booking: {
        url: 'https://www.maiia.com/centre-de-vaccination/03000-moulins/centre-de-vaccination',
        platform: 'maiia',
      },
    });
    const availability = await maiia.fetchAvailability(bare, testContext(maiia));
    expect(availability).toMatchObject({ status: 'unknown', error: { kind: 'not_found' } });
  });
});
