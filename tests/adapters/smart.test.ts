import { readFileSync } from 'node:fs';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import smart, { discoverFeedCentres } from '../../src/adapters/smart/adapter.ts';
import { captureText } from '../fixtures/captures.ts';
import { FEED, serveSmart } from '../fixtures/smart/fake.ts';
import { makeCentre } from '../fixtures/world.ts';
import { NOW, runAdapterContract, server, testContext } from './contract.ts';

const centre = makeCentre({
  id: 'demo-smart',
  booking: { url: 'https://pharmacy.test/clinic', platform: 'other' },
});

runAdapterContract({
  adapter: smart,
  scenarios: {
    centre,
    serve: serveSmart,
    phoneOnly: false,
    claimsByUrl: false,
    settings: { base_url: FEED },
    centres: (c) => [c],
  },
});

const EXAMPLES = 'https://raw.githubusercontent.com/smart-on-fhir/smart-scheduling-links/master/examples';

function serveCaptures() {
  server.use(
    http.get(`${EXAMPLES}/:file`, ({ params }) => {
      const file = String(params.file);
      if (file === '$bulk-publish')
        return new HttpResponse(captureText('smart-scheduling-links/_bulk-publish'));
      if (/^(locations|schedules|slots-2021-W09)\.ndjson$/.test(file)) {
        return new HttpResponse(captureText(`smart-scheduling-links/${file}`));
      }
      // The capture holds one week of slots; the manifest lists four more.
      return new HttpResponse('');
    }),
  );
}

describe('smart adapter on the specification examples', () => {
  it('exposes unmatched feed locations as centres and counts their slots with capacity', async () => {
    serveCaptures();
    const ctx = testContext(smart, { now: () => new Date('2021-03-01T00:00:00Z'), centres: () => [] });
    const { centres, matched } = await discoverFeedCentres(ctx);
    expect(matched.size).toBe(0);
    expect(centres.map((c) => c.id)).toContain('feed-0');
    const boston = centres.find((c) => c.id === 'feed-0');
    expect(boston).toMatchObject({ name: 'SMART Vaccine Clinic Boston', source: { kind: 'feed', id: '0' } });
    expect(smart.claimsCentre(boston ?? centre)).toBe(true);

    const availability = await smart.fetchAvailability(boston ?? centre, ctx);
    expect(availability).toMatchObject({
      status: 'some',
      slot_count: 700,
      per_dose: { first: 700, second: 0, booster: 0, unknown: 0 },
      per_vaccine: { Moderna: 700 },
      booking_url: 'https://ehr-portal.example.org/bookings?slot=1000000',
      // The examples' "000-000-0000" is no dialable number: never republished (issue 13).
      booking_phone: null,
    });
  });
});

describe('smart adapter specifics', () => {
  function countRequests() {
    const seen: Request[] = [];
    server.events.on('request:start', ({ request }) => void seen.push(request));
    return seen;
  }

  it('fetches no file twice within a minute, then revalidates with the validators it was given', async () => {
    let clock = NOW.getTime();
    const ctx = testContext(smart, {
      settings: { base_url: FEED },
      now: () => new Date(clock),
      centres: () => [centre],
    });
    const requests = countRequests();
    server.use(
      http.get(`${FEED}/:file`, ({ request }) =>
        request.headers.get('if-none-match') === '"v1"' ? new HttpResponse(null, { status: 304 }) : undefined,
      ),
      http.get(`${FEED}/:file`, async ({ request }) => {
        const response = await fetchFake(request);
        const headers = new Headers(response.headers);
        headers.set('etag', '"v1"');
        headers.set('last-modified', 'Mon, 19 Apr 2021 10:00:00 GMT');
        return new HttpResponse(await response.text(), { status: response.status, headers });
      }),
    );
    const first = await smart.fetchAvailability(centre, ctx);
    expect(requests).toHaveLength(4);
    clock += 59_000;
    await smart.fetchAvailability(centre, ctx);
    expect(requests).toHaveLength(4);
    clock += 2_000;
    const again = await smart.fetchAvailability(centre, ctx);
    expect(requests).toHaveLength(8);
    expect(requests.slice(4).every((r) => r.headers.get('if-none-match') === '"v1"')).toBe(true);
    expect(
      requests.slice(4).every((r) => r.headers.get('if-modified-since') === 'Mon, 19 Apr 2021 10:00:00 GMT'),
    ).toBe(true);
    expect(again.slot_count).toBe(first.slot_count);
    expect(first.slot_count).toBe(1);
  });

  it('honours Cache-Control max-age longer than a minute', async () => {
    let clock = NOW.getTime();
    const ctx = testContext(smart, {
      settings: { base_url: FEED },
      now: () => new Date(clock),
      centres: () => [centre],
    });
    const requests = countRequests();
    server.use(
      http.get(`${FEED}/:file`, async ({ request }) => {
        const response = await fetchFake(request);
        return new HttpResponse(await response.text(), {
          headers: { 'cache-control': 'public, max-age=300' },
        });
      }),
    );
    await smart.fetchAvailability(centre, ctx);
    clock += 299_000;
    await smart.fetchAvailability(centre, ctx);
    expect(requests).toHaveLength(4);
    clock += 2_000;
    await smart.fetchAvailability(centre, ctx);
    expect(requests).toHaveLength(8);
  });

  it('reads offsets like -05 leniently, counts slot capacity and skips busy slots', async () => {
    server.use(
      http.get(
        `${FEED}/slots.ndjson`,
        () =>
          new HttpResponse(
            readFileSync(new URL('../fixtures/smart/offsets.ndjson', import.meta.url), 'utf8'),
          ),
      ),
      ...serveSmart({ zone: 'Europe/Paris', slots: [] }, centre),
    );
    const ctx = testContext(smart, { settings: { base_url: FEED }, centres: () => [centre] });
    const availability = await smart.fetchAvailability(centre, ctx);
    expect(availability).toMatchObject({ slot_count: 3, next_slot: '2021-04-22T16:00:00+02:00' });
  });

  it('maps a feed location onto a registry centre by name and distance, not beyond 200 m', async () => {
    const near = makeCentre({
      id: 'official-near',
      name: 'Centre de vaccination Saint-Louis',
      location: { lat: 48.8738, lon: 2.3685, precision: 'address' },
    });
    const far = makeCentre({
      id: 'official-far',
      name: 'Centre de vaccination Saint-Louis',
      location: { lat: 48.8938, lon: 2.3685, precision: 'address' },
    });
    server.use(
      http.get(
        `${FEED}/locations.ndjson`,
        () =>
          new HttpResponse(
            JSON.stringify({
              resourceType: 'Location',
              id: 'x',
              name: 'Hôpital Saint Louis - vaccination',
              position: { latitude: 48.8745, longitude: 2.369 },
            }),
          ),
      ),
      ...serveSmart({ zone: 'Europe/Paris', slots: [] }, centre),
    );
    const ctx = testContext(smart, { settings: { base_url: FEED }, centres: () => [far, near] });
    const { matched, centres } = await discoverFeedCentres(ctx);
    expect([...matched]).toEqual([['official-near', 'x']]);
    expect(centres).toEqual([]);
  });

  it('sends the provider credentials to its own origin only', async () => {
    const requests = countRequests();
    server.use(
      http.get(`${FEED}/$bulk-publish`, () =>
        HttpResponse.json({
          transactionTime: '2021-04-20T07:00:00Z',
          output: [{ type: 'Location', url: 'https://elsewhere.test/l.ndjson' }],
        }),
      ),
      http.get('https://elsewhere.test/l.ndjson', () => new HttpResponse('')),
    );
    const ctx = testContext(smart, {
      settings: {
        base_url: FEED,
        headers: { 'x-api-key': 'secret' },
        feed_origins: ['https://elsewhere.test'],
      },
      centres: () => [centre],
    });
    await smart.fetchAvailability(centre, ctx);
    expect(requests.map((r) => [new URL(r.url).host, r.headers.get('x-api-key')])).toEqual([
      ['feed.test', 'secret'],
      ['elsewhere.test', null],
    ]);
  });
});

/** The plain fake feed with one slot, answered outside msw's handler chain. */
async function fetchFake(request: Request): Promise<Response> {
  const [handler] = serveSmart(
    { zone: 'Europe/Paris', slots: [{ agenda: 'a1', start: '2021-04-21T08:00:00Z', motive: 'first' }] },
    centre,
  );
  const result = await handler?.run({ request: request.clone(), requestId: 'fake' });
  return result?.response ?? new HttpResponse(null, { status: 500 });
}
