import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Centre } from '../../../src/registry/centre.ts';
import { type Simulator, siteProfile, startSimulator } from '../../../src/simulator/index.ts';
import { CENTRES } from '../../fixtures/simulator/centres.ts';
import {
  DoctolibAvailabilities,
  DoctolibBooking,
  KeldocMotiveCategories,
  KeldocResource,
  KeldocTimetable,
  MaiiaAvailabilities,
  MaiiaClosests,
  MaiiaReasons,
  readShared,
} from './capture-schemas.ts';
import { type FakeClock, fakeClock, getJson } from './harness.ts';
import { centreById, dayToDate, firstArrival, SEED, START } from './moments.ts';

const OFFSET = /[+-]\d{2}:\d{2}$/;
let sim: Simulator;
let time: FakeClock;

beforeAll(async () => {
  time = fakeClock(START);
  sim = await startSimulator({ centres: CENTRES, seed: SEED, clock: time.clock });
});
afterAll(() => sim.close());

describe('the schemas written after the captures', () => {
  it.each([
    ['providers/doctolib/basic-booking.json', DoctolibBooking],
    ['providers/doctolib/basic-availabilities.json', DoctolibAvailabilities],
    ['providers/doctolib/next-slot-availabilities.json', DoctolibAvailabilities],
    ['providers/keldoc/resource-ain.json', KeldocResource],
    ['providers/keldoc/motives-ain.json', KeldocMotiveCategories],
    ['providers/keldoc/center1-timetable-81484.json', KeldocTimetable],
    ['providers/maiia/consultation-reason-hcd.json', MaiiaReasons],
    ['providers/maiia/availability-closests.json', MaiiaClosests],
  ] as const)('accept the real capture %s', async (file, schema) => {
    expect(schema.safeParse(JSON.parse(await readShared(file))).error).toBeUndefined();
  });
});

describe('simulated Doctolib', () => {
  const bookingOf = async (slug: string) => {
    const { status, body } = await getJson(`${sim.urls.doctolib}/booking/${slug}.json`);
    expect(status).toBe(200);
    return DoctolibBooking.parse(body);
  };

  it('describes a booking whose centres share a slug as one booking with one place per practice', async () => {
    const booking = await bookingOf('centre-vaccination-sud-loire');
    expect(booking.data.places.map((p) => p.id).sort()).toEqual(['practice-1001', 'practice-1002']);
    const practices = booking.data.agendas.flatMap((a) => Object.keys(a.visit_motive_ids_by_practice_id));
    expect(new Set(practices)).toEqual(new Set(['1001', '1002']));
  });

  it('names motives with their dose and vaccine and flags first shots', async () => {
    const { data } = await bookingOf('centre-vaccination-sud-loire');
    const first = data.visit_motives.find((m) => m.first_shot_motive);
    expect(first?.name).toMatch(/^1ère injection vaccin COVID-19 \(Pfizer-BioNTech\)$/);
    expect(data.visit_motives.some((m) => /^2nde injection/.test(m.name) && !m.first_shot_motive)).toBe(true);
  });

  it('disables every agenda of a phone-only place', async () => {
    expect(siteProfile(centreById('demo-2'), SEED).phoneOnly).toBe(true);
    const { data } = await bookingOf('centre-vaccination-sud-loire');
    const agendas = data.agendas.filter((a) => '1002' in a.visit_motive_ids_by_practice_id);
    expect(agendas.length).toBeGreaterThan(0);
    expect(agendas.every((a) => a.booking_disabled)).toBe(true);
  });

  it('answers 404 for an unknown booking', async () => {
    expect((await getJson(`${sim.urls.doctolib}/booking/nowhere.json`)).status).toBe(404);
  });

  it('lists the free slots of a window by day with offsets, and points to next_slot when empty', async () => {
    const centre = centreById('demo-3');
    const arrival = firstArrival(centre);
    const { data } = await bookingOf('ch-nevers-vaccination');
    const agendaIds = data.agendas
      .filter((a) => !a.booking_disabled)
      .map((a) => a.id)
      .join('-');
    const motive = data.visit_motives.find((m) => m.first_shot_motive)?.id;
    const practice = data.places[0]?.practice_ids[0];
    const ask = async (startDay: number) =>
      getJson(
        `${sim.urls.doctolib}/availabilities.json?start_date=${dayToDate(startDay)}&visit_motive_ids=${motive}&agenda_ids=${agendaIds}&practice_ids=${practice}&insurance_sector=public&destroy_temporary=true&limit=7`,
      );
    time.set(new Date(arrival.at + 60_000).toISOString());
    const within = DoctolibAvailabilities.parse((await ask(arrival.fromDay)).body);
    expect(within.availabilities).toHaveLength(7);
    expect(within.availabilities[0]?.date).toBe(dayToDate(arrival.fromDay));
    const slots = within.availabilities.flatMap((d) => d.slots);
    expect(slots.length).toBeGreaterThan(0);
    expect(within.total).toBe(slots.length);
    for (const slot of slots) expect(typeof slot === 'string' ? slot : slot.start_date).toMatch(OFFSET);

    // A week already past has no free slot: the answer points to the first free one instead.
    const past = DoctolibAvailabilities.parse((await ask(arrival.fromDay - 30)).body);
    expect(past.total).toBe(0);
    const earliest = (
      await Promise.all([0, 7, 14, 21].map((d) => ask(Math.floor(arrival.at / 86_400_000) + d - 1)))
    )
      .map((r) => DoctolibAvailabilities.parse(r.body))
      .flatMap((r) => r.availabilities.flatMap((d) => d.slots))
      .map((s) => (typeof s === 'string' ? s : s.start_date))[0];
    expect(past.next_slot).toBe(earliest);
  });

  it('rejects an availability request without its required parameters', async () => {
    expect((await getJson(`${sim.urls.doctolib}/availabilities.json?start_date=2021-04-12`)).status).toBe(
      400,
    );
  });
});

describe('simulated Maiia', () => {
  const centerId = '5ffec752a400683faf1c220c';
  const reasons = async () =>
    MaiiaReasons.parse(
      (await getJson(`${sim.urls.maiia}/api/pat-public/consultation-reason-hcd?rootCenterId=${centerId}`))
        .body,
    );

  it('lists consultation reasons with injection types', async () => {
    const { items, total } = await reasons();
    expect(total).toBe(items.length);
    expect(items.map((i) => i.injectionType)).toEqual(expect.arrayContaining(['FIRST', 'SECOND']));
  });

  it('serves only centres whose booking URL carries a centerId', async () => {
    const described = (await getJson(`${sim.urls.maiia}/__sim/centres`)).body;
    expect(described).toEqual([{ centre_id: 'demo-4', center_id: centerId }]);
    expect(
      (await getJson(`${sim.urls.maiia}/api/pat-public/consultation-reason-hcd?rootCenterId=nope`)).status,
    ).toBe(404);
  });

  it('pages availabilities and points to the closest one', async () => {
    const arrival = firstArrival(centreById('demo-4'));
    time.set(new Date(arrival.at + 60_000).toISOString());
    const name = encodeURIComponent(
      (await reasons()).items.find((i) => i.injectionType === 'FIRST')?.name ?? '',
    );
    const from = new Date(arrival.at).toISOString();
    const to = new Date(arrival.at + 40 * 86_400_000).toISOString();
    const page = async (n: number) =>
      MaiiaAvailabilities.parse(
        (
          await getJson(
            `${sim.urls.maiia}/api/pat-public/availabilities?centerId=${centerId}&consultationReasonName=${name}&from=${from}&to=${to}&page=${n}&limit=5`,
          )
        ).body,
      );
    const [first, second] = [await page(0), await page(1)];
    expect(first.total).toBeGreaterThan(5);
    expect(first.items).toHaveLength(5);
    expect(second.total).toBe(first.total);
    expect(Date.parse(second.items[0]?.startDateTime ?? '')).toBeGreaterThanOrEqual(
      Date.parse(first.items[4]?.startDateTime ?? ''),
    );

    const closest = MaiiaClosests.parse(
      (
        await getJson(
          `${sim.urls.maiia}/api/pat-public/availability-closests?centerId=${centerId}&consultationReasonName=${name}&from=${from}`,
        )
      ).body,
    );
    expect(closest.firstPhysicalStartDateTime).toBe(first.items[0]?.startDateTime);
    expect(closest.availabilityCount).toBeGreaterThanOrEqual(first.total);
  });
});

describe('simulated Keldoc', () => {
  const resource = async (query: string) =>
    KeldocResource.parse(
      (await getJson(`${sim.urls.keldoc}/api/patients/v2/searches/resource?${query}`)).body,
    );
  const motivesOf = async (r: Awaited<ReturnType<typeof resource>>) =>
    KeldocMotiveCategories.parse(
      (
        await getJson(
          `${sim.urls.keldoc}/api/patients/v2/clinics/${r.id}/specialties/${r.specialties[0]?.id}/cabinets/${r.cabinets[0]?.id}/motive_categories`,
        )
      ).body,
    );

  it('finds a clinic from the booking URL path, keeping the cabinet and specialty of its query', async () => {
    const r = await resource(
      'type=cabinet-medical&location=enghien-les-bains-95880&slug=vaccination-plaine-vallee',
    );
    expect(r.cabinets.map((c) => c.id)).toEqual([16606]);
    expect(r.specialties.map((s) => s.id)).toEqual([496]);
  });

  it('answers a timetable with slots by day, then a next-date pointer, in the centre’s own zone', async () => {
    const centre = centreById('demo-7');
    const arrival = firstArrival(centre);
    time.set(new Date(arrival.at + 60_000).toISOString());
    const r = await resource(
      'type=centre-hospitalier-universitaire&location=saint-denis-97400&slug=chu-la-reunion&cabinet=centre-de-vaccination-felix-guyon',
    );
    const motive = (await motivesOf(r)).flatMap((c) => c.motives).find((m) => /1ère Injection/.test(m.name));
    expect(motive).toBeDefined();
    const agendas = motive?.agendas.map((a) => `agenda_ids[]=${a.id}`).join('&');
    const ask = async (from: number, to: number) =>
      KeldocTimetable.parse(
        (
          await getJson(
            `${sim.urls.keldoc}/api/patients/v2/timetables/${motive?.id}?from=${dayToDate(from)}&to=${dayToDate(to)}&${agendas}`,
          )
        ).body,
      );
    const slots = await ask(arrival.fromDay, arrival.toDay - 1);
    expect('availabilities' in slots && Object.keys(slots.availabilities).length).toBeGreaterThan(0);
    if ('availabilities' in slots) {
      for (const list of Object.values(slots.availabilities))
        for (const s of list) expect(s.start_time).toMatch(/\+04:00$/);
    }
    const pointer = await ask(arrival.fromDay - 40, arrival.fromDay - 35);
    expect(pointer).toEqual({ date: expect.stringMatching(/\+04:00$/), text: expect.any(String) });
    if ('date' in pointer) {
      expect(pointer.text).toMatch(/^Prochain RDV disponible le \d{1,2} [A-ZÉ][a-zéû]+ \d{4} à \d{2}h\d{2}$/);
      expect(Date.parse(pointer.date)).toBeGreaterThan(time.now());
    }
  });

  it('answers phone-only centres with the phone form', async () => {
    const phoneOnly = Array.from(
      { length: 200 },
      (_, i): Centre => ({
        ...centreById('demo-6'),
        id: `keldoc-phone-${i}`,
        booking: {
          url: `https://vaccination-covid.keldoc.com/cabinet-medical/nantes-44000/phone-${i}`,
          platform: 'keldoc',
        },
      }),
    ).find((c) => siteProfile(c, SEED).phoneOnly);
    expect(phoneOnly).toBeDefined();
    const own = await startSimulator({
      centres: phoneOnly ? [phoneOnly] : [],
      seed: SEED,
      clock: time.clock,
    });
    try {
      const r = KeldocResource.parse(
        (
          await getJson(
            `${own.urls.keldoc}/api/patients/v2/searches/resource?type=cabinet-medical&location=nantes-44000&slug=${phoneOnly?.booking.url?.split('/').at(-1)}`,
          )
        ).body,
      );
      const categories = KeldocMotiveCategories.parse(
        (
          await getJson(
            `${own.urls.keldoc}/api/patients/v2/clinics/${r.id}/specialties/${r.specialties[0]?.id}/cabinets/${r.cabinets[0]?.id}/motive_categories`,
          )
        ).body,
      );
      const motive = categories[0]?.motives[0]?.id;
      const answer = KeldocTimetable.parse(
        (
          await getJson(
            `${own.urls.keldoc}/api/patients/v2/timetables/${motive}?from=2021-04-12&to=2021-04-16`,
          )
        ).body,
      );
      expect(answer).toEqual({
        text: expect.stringContaining('téléphone'),
        num: '0240000000',
        phone_number: '02 40 00 00 00',
      });
    } finally {
      await own.close();
    }
  });
});
