import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAdapterContext, type FetchLike } from '../../src/adapters/context.ts';
import smart from '../../src/adapters/smart/adapter.ts';
import { makeCentre } from '../fixtures/world.ts';

/**
 * What the smart adapter reads from an aggregator's feed (spec, "Slot Aggregators"), as Créneau's own
 * `/smart` publication writes it: `has-availability` on schedules, and coarse day-long slots.
 */
const BASE = 'https://aggregator.test/smart';
const NOW = new Date('2021-04-20T08:00:00Z');
const REGISTRY = 'http://fhir-registry.smarthealthit.org/StructureDefinition/';
const centre = makeCentre({ id: 'demo-0001' });

function feed(schedule: object, slots: object[], neighbours: object[] = []): FetchLike {
  const files: Record<string, string> = {
    '/smart/$bulk-publish': JSON.stringify({
      transactionTime: '2021-04-20T10:00:00+02:00',
      request: `${BASE}/$bulk-publish`,
      output: ['Location', 'Schedule', 'Slot'].map((type) => ({ type, url: `${BASE}/${type}.ndjson` })),
      error: [],
    }),
    '/smart/Location.ndjson': [
      ...neighbours,
      {
        resourceType: 'Location',
        id: 'demo-0001',
        name: 'Centre de vaccination de test',
        identifier: [{ system: 'urn:creneau:centre-id', value: 'demo-0001' }],
        telecom: [{ system: 'phone', value: '0102030405' }],
      },
    ]
      .map((location) => JSON.stringify(location))
      .join('\n'),
    '/smart/Schedule.ndjson': JSON.stringify({
      resourceType: 'Schedule',
      id: 'demo-0001',
      actor: [{ reference: 'Location/demo-0001' }],
      ...schedule,
    }),
    '/smart/Slot.ndjson': slots.map((slot) => JSON.stringify(slot)).join('\n'),
  };
  return async (input) => {
    const body = files[new URL(String(input)).pathname];
    return body === undefined ? new Response('', { status: 404 }) : new Response(body);
  };
}

const context = (fetch: FetchLike) =>
  createAdapterContext(smart, {
    settings: { base_url: BASE },
    fetch,
    now: () => NOW,
    centres: () => [centre],
    logger: pino({ level: 'silent' }),
    rateLimit: false,
  });

describe('smart adapter on an aggregator’s feed', () => {
  it('reads has-availability "unknown" without slots as unknown, not as no slots', async () => {
    const fetch = feed({ extension: [{ url: `${REGISTRY}has-availability`, valueCode: 'unknown' }] }, []);
    const availability = await smart.fetchAvailability(centre, context(fetch));
    expect(availability).toMatchObject({ status: 'unknown', slot_count: 0, error: null });
  });

  it('reads has-availability "none" without slots as none', async () => {
    const fetch = feed({ extension: [{ url: `${REGISTRY}has-availability`, valueCode: 'none' }] }, []);
    expect((await smart.fetchAvailability(centre, context(fetch))).status).toBe('none');
  });

  it('counts a coarse slot already under way from now, and a finished one not at all', async () => {
    const slot = (id: string, start: string, end: string, capacity: number) => ({
      resourceType: 'Slot',
      id,
      schedule: { reference: 'Schedule/demo-0001' },
      status: 'free',
      start,
      end,
      extension: [{ url: `${REGISTRY}slot-capacity`, valueInteger: capacity }],
    });
    const fetch = feed({}, [
      slot('today', '2021-04-20T00:00:00+02:00', '2021-04-21T00:00:00+02:00', 4),
      slot('yesterday', '2021-04-19T00:00:00+02:00', '2021-04-20T00:00:00+02:00', 9),
      slot('tomorrow', '2021-04-21T00:00:00+02:00', '2021-04-22T00:00:00+02:00', 6),
    ]);
    const availability = await smart.fetchAvailability(centre, context(fetch));
    expect(availability).toMatchObject({
      status: 'some',
      slot_count: 10,
      per_day: { '2021-04-20': 4, '2021-04-21': 6 },
      next_slot: '2021-04-20T10:00:00+02:00',
    });
  });

  it('matches a centre to the location naming it by id, even after a neighbour of the same name', async () => {
    const neighbour = {
      resourceType: 'Location',
      id: 'demo-0002',
      name: centre.name,
      identifier: [{ system: 'urn:creneau:centre-id', value: 'demo-0002' }],
      position: { latitude: centre.location?.lat, longitude: centre.location?.lon },
    };
    const fetch = feed(
      { extension: [{ url: `${REGISTRY}has-availability`, valueCode: 'unknown' }] },
      [],
      [neighbour],
    );
    const availability = await smart.fetchAvailability(centre, context(fetch));
    // The neighbour has no schedule: matched to it, the centre would come back `none` from nothing.
    expect(availability.status).toBe('unknown');
    expect(availability.booking_phone).toBe('+33102030405');
  });
});
