import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, SMART_CENTRE_ID_SYSTEM, startSimulator } from '../../../src/simulator/index.ts';
import { CENTRES } from '../../fixtures/simulator/centres.ts';
import {
  ndjson,
  readShared,
  SmartLocation,
  SmartManifest,
  SmartSchedule,
  SmartSlot,
} from './capture-schemas.ts';
import { type FakeClock, fakeClock } from './harness.ts';
import { centreById, firstArrival, SEED } from './moments.ts';

let sim: Simulator;
let time: FakeClock;

beforeAll(async () => {
  // Just after doses arrive at a published centre, so the feed has free slots to show.
  const arrival = firstArrival(centreById('demo-8'));
  time = fakeClock(new Date(arrival.at + 80_000).toISOString());
  sim = await startSimulator({
    centres: CENTRES,
    seed: SEED,
    clock: time.clock,
    options: { smart: { publishEverySeconds: 60 } },
  });
});
afterAll(() => sim.close());

const manifest = async () =>
  SmartManifest.parse(await (await fetch(`${sim.urls.smart}/$bulk-publish`)).json());

describe('the SMART schemas', () => {
  it('accept the specification’s own example feed', async () => {
    expect(
      SmartManifest.safeParse(JSON.parse(await readShared('smart-scheduling-links/_bulk-publish'))).success,
    ).toBe(true);
    for (const [file, schema] of [
      ['locations.ndjson', SmartLocation],
      ['schedules.ndjson', SmartSchedule],
      ['slots-2021-W09.ndjson', SmartSlot],
    ] as const) {
      for (const line of ndjson(await readShared(`smart-scheduling-links/${file}`)))
        expect(schema.safeParse(line).error).toBeUndefined();
    }
  });
});

describe('the simulated SMART Scheduling Links feed', () => {
  it('publishes a manifest whose files hold valid Locations, Schedules and Slots that reference each other', async () => {
    const { output } = await manifest();
    const fetchAll = async (type: string) =>
      (
        await Promise.all(
          output.filter((o) => o.type === type).map(async (o) => ndjson(await (await fetch(o.url)).text())),
        )
      ).flat();
    const locations = (await fetchAll('Location')).map((l) => SmartLocation.parse(l));
    const schedules = (await fetchAll('Schedule')).map((s) => SmartSchedule.parse(s));
    const slots = (await fetchAll('Slot')).map((s) => SmartSlot.parse(s));
    expect(locations.map((l) => l.name).sort()).toEqual(
      CENTRES.filter((c) => c.booking.platform === 'other')
        .map((c) => c.name)
        .sort(),
    );
    const locationIds = new Set(locations.map((l) => `Location/${l.id}`));
    expect(schedules.every((s) => s.actor.some((a) => locationIds.has(a.reference)))).toBe(true);
    // Each schedule books one agenda, named as its practitioner, so a slot shared by motives is one slot.
    expect(schedules.every((s) => s.actor.some((a) => a.reference.startsWith('Practitioner/')))).toBe(true);
    const scheduleIds = new Set(schedules.map((s) => `Schedule/${s.id}`));
    expect(slots.every((s) => scheduleIds.has(s.schedule.reference))).toBe(true);
    const free = slots.filter((s) => s.status === 'free');
    expect(free.length).toBeGreaterThan(0);
    for (const slot of free) {
      const urls = (slot.extension ?? []).map((e) => e.url.split('/').at(-1));
      expect(urls).toEqual(['booking-deep-link', 'booking-phone', 'slot-capacity']);
      expect(slot.start).toMatch(/[+-]\d{2}:\d{2}$/);
    }
    const identified = locations.filter((l) =>
      l.identifier?.some((i) => i.system === SMART_CENTRE_ID_SYSTEM),
    );
    expect(identified.length).toBeGreaterThan(0);
  });

  it('sends Cache-Control, ETag and Last-Modified, and 304 on If-None-Match or If-Modified-Since', async () => {
    const first = await fetch(`${sim.urls.smart}/locations.ndjson`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/max-age=60/);
    expect(first.headers.get('content-type')).toBe('application/fhir+ndjson');
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect(Date.parse(lastModified)).toBe(Math.floor(time.now() / 60_000) * 60_000);
    expect(
      (await fetch(`${sim.urls.smart}/locations.ndjson`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect(
      (await fetch(`${sim.urls.smart}/locations.ndjson`, { headers: { 'if-modified-since': lastModified } }))
        .status,
    ).toBe(304);
    expect(
      (await fetch(`${sim.urls.smart}/locations.ndjson`, { headers: { 'if-none-match': '"stale"' } })).status,
    ).toBe(200);
  });

  it('publishes a new version of a slot file once bookings change it', async () => {
    const { output } = await manifest();
    let slotUrl = '';
    let etag = '';
    for (const { type, url } of output) {
      const response = await fetch(url);
      if (type === 'Slot' && (await response.text()).includes('"free"')) {
        slotUrl = url;
        etag = response.headers.get('etag') ?? '';
        break;
      }
    }
    expect(slotUrl).not.toBe('');
    time.advance(30_000);
    expect((await fetch(slotUrl, { headers: { 'if-none-match': etag } })).status).toBe(304);
    time.advance(2 * 86_400_000);
    const after = await fetch(slotUrl, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await manifest()).transactionTime).toBe(
      new Date(Math.floor(time.now() / 60_000) * 60_000).toISOString(),
    );
  });
});
