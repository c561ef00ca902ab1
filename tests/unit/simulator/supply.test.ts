import { describe, expect, it } from 'vitest';
import { isoWithOffset } from '../../../src/shared/time.ts';
import { doseArrivals, slotsAt, startSimulator } from '../../../src/simulator/index.ts';
import { CENTRES } from '../../fixtures/simulator/centres.ts';
import { fakeClock, getJson } from './harness.ts';
import { centreById, firstArrival, SEED, START } from './moments.ts';

const DAY = 86_400_000;

describe('the supply model', () => {
  it('gives the same slots for the same seed and instant, and others for another seed', () => {
    const centre = centreById('demo-4');
    const at = Date.parse(START);
    const query = { at, from: at, to: at + 30 * DAY };
    expect(slotsAt(centre, SEED, query)).toEqual(slotsAt(centre, SEED, query));
    expect(slotsAt(centre, 'other-seed', query)).not.toEqual(slotsAt(centre, SEED, query));
  });

  it('opens a batch of slots when doses arrive, and loses them as they are booked', () => {
    const centre = centreById('demo-4');
    const arrival = firstArrival(centre);
    const batchDays = (at: number) =>
      slotsAt(centre, SEED, { at, from: arrival.fromDay * DAY - DAY, to: arrival.toDay * DAY + DAY }).filter(
        (s) => s.publishedAt === arrival.at,
      ).length;
    expect(batchDays(arrival.at - 1)).toBe(0);
    const opened = batchDays(arrival.at);
    expect(opened).toBeGreaterThan(0);
    const later = batchDays(arrival.at + 2 * DAY);
    expect(later).toBeLessThan(opened);
    // Booked slots never come back.
    expect(batchDays(arrival.at + 3 * DAY)).toBeLessThanOrEqual(later);
  });

  it('lists dose arrivals in order within the asked period', () => {
    const from = Date.parse(START);
    const arrivals = doseArrivals(centreById('demo-3'), SEED, from, from + 60 * DAY);
    expect(arrivals.length).toBeGreaterThan(2);
    for (const [i, a] of arrivals.entries()) {
      expect(a.at).toBeGreaterThanOrEqual(from);
      expect(a.at).toBeLessThan(from + 60 * DAY);
      if (i > 0) expect(a.at).toBeGreaterThan(arrivals[i - 1]?.at ?? 0);
    }
  });

  it('never lists a slot that has begun', () => {
    const at = Date.parse(START) + 5 * DAY + 3_600_000 * 3;
    const slots = slotsAt(centreById('demo-3'), SEED, { at, from: at - 5 * DAY, to: at + 5 * DAY });
    expect(slots.every((s) => s.start > at)).toBe(true);
  });

  it('places slots on the centre’s local opening hours, overseas included', () => {
    for (const [id, offset] of [
      ['demo-7', '+04:00'],
      ['demo-9', '-04:00'],
      ['demo-3', '+02:00'],
    ] as const) {
      const centre = centreById(id);
      const arrival = firstArrival(centre);
      const slots = slotsAt(centre, SEED, { at: arrival.at, from: arrival.at, to: arrival.at + 40 * DAY });
      expect(slots.length).toBeGreaterThan(0);
      const zone =
        id === 'demo-7' ? 'Indian/Reunion' : id === 'demo-9' ? 'America/Guadeloupe' : 'Europe/Paris';
      for (const slot of slots.slice(0, 50)) {
        const text = isoWithOffset(slot.start, zone);
        expect(text.endsWith(offset)).toBe(true);
        const hour = Number(text.slice(11, 13));
        expect(hour).toBeGreaterThanOrEqual(8);
        expect(hour).toBeLessThan(19);
      }
    }
  });
});

describe('the simulator over HTTP', () => {
  it('answers byte for byte the same for the same seed and instant', async () => {
    const urls = [
      '/booking/centre-vaccination-sud-loire.json',
      '/api/pat-public/availabilities?centerId=5ffec752a400683faf1c220c&consultationReasonName=Premi%C3%A8re%20injection%20vaccin%20anti%20covid-19%20(Pfizer-BioNTech)&from=2021-04-12T00:00:00Z&to=2021-05-30T00:00:00Z&page=0&limit=500',
      '/slots-2021-W17.ndjson',
    ];
    const bodies = async (seed: string) => {
      const time = fakeClock('2021-04-20T09:30:00+02:00');
      const sim = await startSimulator({ centres: CENTRES, seed, clock: time.clock });
      try {
        const base = [sim.urls.doctolib, sim.urls.maiia, sim.urls.smart];
        return await Promise.all(urls.map(async (u, i) => (await fetch(`${base[i]}${u}`)).text()));
      } finally {
        await sim.close();
      }
    };
    const [a, b, c] = [await bodies(SEED), await bodies(SEED), await bodies('another')];
    // Absolute URLs inside the SMART feed name the port, which differs between two servers.
    const portless = (texts: string[]) => texts.map((t) => t.replace(/127\.0\.0\.1:\d+/g, 'host'));
    expect(portless(a)).toEqual(portless(b));
    expect(JSON.parse(a[1] ?? '').total).toBeGreaterThan(0);
    expect(portless(c)[1]).not.toEqual(portless(a)[1]);
  });

  it('shows the evolution on the wire: nothing before the dose arrival, slots after, fewer once booked', async () => {
    const centre = centreById('demo-4');
    const arrival = firstArrival(centre);
    const time = fakeClock(new Date(arrival.at - 60_000).toISOString());
    const sim = await startSimulator({ centres: CENTRES, seed: SEED, clock: time.clock });
    try {
      const reasons = (
        await getJson(
          `${sim.urls.maiia}/api/pat-public/consultation-reason-hcd?rootCenterId=5ffec752a400683faf1c220c`,
        )
      ).body as {
        items: Array<{ name: string }>;
      };
      const count = async () => {
        let total = 0;
        for (const { name } of reasons.items) {
          const { body } = await getJson(
            `${sim.urls.maiia}/api/pat-public/availabilities?centerId=5ffec752a400683faf1c220c&consultationReasonName=${encodeURIComponent(name)}&from=${new Date(arrival.fromDay * DAY).toISOString()}&to=${new Date(arrival.toDay * DAY).toISOString()}&page=0&limit=1`,
          );
          total += (body as { total: number }).total;
        }
        return total;
      };
      const before = await count();
      time.advance(2 * 60_000);
      const after = await count();
      time.advance(2 * DAY);
      const booked = await count();
      expect(after).toBeGreaterThan(before);
      expect(booked).toBeLessThan(after);
    } finally {
      await sim.close();
    }
  });
});
