import { HttpResponse, http, type JsonBodyType } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Availability } from '../../src/adapters/availability.ts';
import doctolib from '../../src/adapters/doctolib/adapter.ts';
import maiia from '../../src/adapters/maiia/adapter.ts';
import { capture } from '../fixtures/captures.ts';
import { BASE } from '../fixtures/doctolib/fake.ts';
import { API } from '../fixtures/maiia/fake.ts';
import { makeCentre } from '../fixtures/world.ts';
import { server, testContext } from './contract.ts';

/** Issue 15, point 4: the second-injection delay comes from the platform, through the adapter's schema. */

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const maiiaCentre = makeCentre({
  id: 'demo-maiia-delay',
  booking: {
    url: 'https://www.maiia.com/centre-de-vaccination/42800-rive-de-gier/centre?centerid=6005bad42475225a68a3f19f',
    platform: 'maiia',
  },
});

const doctolibCentre = makeCentre({
  id: 'demo-doctolib-delay',
  booking: {
    url: 'https://partners.doctolib.fr/centre-de-sante/paris/capture?pid=practice-165752',
    platform: 'doctolib',
  },
});

function serveMaiiaCapture(reasons: JsonBodyType) {
  server.use(
    http.get(`${API}/consultation-reason-hcd`, () => HttpResponse.json(reasons)),
    http.get(`${API}/availability-closests`, () =>
      HttpResponse.json(capture('providers/maiia/availability-closests.json')),
    ),
    http.get(`${API}/availabilities`, () =>
      HttpResponse.json({
        items: [{ startDateTime: '2021-05-26T12:55:00.000Z', practitionerId: 'p1' }],
        total: 1,
      }),
    ),
  );
}

const MAIIA_NOW = { now: () => new Date('2021-05-20T08:00:00Z') };

describe('Maiia nextAppointmentDelayInDays', () => {
  it('comes through from the real capture (42 days) into the Availability model', async () => {
    serveMaiiaCapture(capture('providers/maiia/consultation-reason-hcd.json'));
    const availability = await maiia.fetchAvailability(maiiaCentre, testContext(maiia, MAIIA_NOW));
    expect(availability.error).toBeNull();
    expect(availability.second_dose_delay_days).toBe(42);
    expect(
      Availability.parse({
        ...availability,
        checked_at: '2021-05-20T08:00:00Z',
        provider: 'maiia',
        booking_phone: null,
        horizon_days: 14,
        error: null,
      }).second_dose_delay_days,
    ).toBe(42);
  });

  it('is null when the reasons give 0 (single dose) or do not say', async () => {
    const captured = capture('providers/maiia/consultation-reason-hcd.json') as {
      items: Array<Record<string, unknown>>;
    };
    const silent = {
      ...captured,
      items: captured.items.map((item, i) => {
        const { nextAppointmentDelayInDays: _drop, ...rest } = item;
        return i % 2 === 0 ? rest : { ...rest, nextAppointmentDelayInDays: 0 };
      }),
    };
    serveMaiiaCapture(silent);
    const availability = await maiia.fetchAvailability(maiiaCentre, testContext(maiia, MAIIA_NOW));
    expect(availability.slot_count).toBe(1);
    expect(availability.second_dose_delay_days).toBeNull();
  });

  it('a garbled delay is dropped, not a bad response', async () => {
    const captured = capture('providers/maiia/consultation-reason-hcd.json') as {
      items: Array<Record<string, unknown>>;
    };
    serveMaiiaCapture({
      ...captured,
      items: captured.items.map((item) => ({ ...item, nextAppointmentDelayInDays: 'six semaines' })),
    });
    const availability = await maiia.fetchAvailability(maiiaCentre, testContext(maiia, MAIIA_NOW));
    expect(availability.status).toBe('some');
    expect(availability.second_dose_delay_days).toBeNull();
  });
});

describe('Doctolib second-shot steps', () => {
  function serveDoctolibSlots(slots: JsonBodyType[]) {
    server.use(
      http.get(`${BASE}/booking/:slug`, () =>
        HttpResponse.json(capture('providers/doctolib/basic-booking.json')),
      ),
      http.get(`${BASE}/availabilities.json`, () =>
        HttpResponse.json({ availabilities: [{ date: '2021-03-25', slots }], total: slots.length }),
      ),
    );
  }
  const ctx = () => testContext(doctolib, { now: () => new Date('2021-03-25T08:00:00Z') });

  it("reads the days to the second step chained to the captured first-shot motive's slots", async () => {
    serveDoctolibSlots([
      {
        start_date: '2021-03-25T14:45:00.000+01:00',
        steps: [
          { agenda_id: 1, start_date: '2021-03-25T14:45:00.000+01:00' },
          // Across the change to summer time: still 42 calendar days.
          { agenda_id: 1, start_date: '2021-05-06T14:45:00.000+02:00' },
        ],
      },
    ]);
    const availability = await doctolib.fetchAvailability(doctolibCentre, ctx());
    expect(availability.slot_count).toBe(1);
    expect(availability.second_dose_delay_days).toBe(42);
  });

  it('is null when slots carry no second step (the capture as recorded)', async () => {
    const recorded = capture('providers/doctolib/basic-availabilities.json') as {
      availabilities: Array<{ slots: JsonBodyType[] }>;
    };
    serveDoctolibSlots(recorded.availabilities[0]?.slots ?? []);
    const availability = await doctolib.fetchAvailability(doctolibCentre, ctx());
    expect(availability.slot_count).toBeGreaterThan(0);
    expect(availability.second_dose_delay_days).toBeNull();
  });
});
