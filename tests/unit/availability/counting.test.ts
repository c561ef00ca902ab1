import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { doseFromText, isCovidVaccination, vaccineFromText } from '../../../src/adapters/classify.ts';
import doctolib from '../../../src/adapters/doctolib/adapter.ts';
import keldoc from '../../../src/adapters/keldoc/adapter.ts';
import maiia from '../../../src/adapters/maiia/adapter.ts';
import { publicAvailability } from '../../../src/availability/public-availability.ts';
import { availabilityText } from '../../../src/format/availability-text.ts';
import { NOW, server, testContext } from '../../adapters/contract.ts';
import { capture } from '../../fixtures/captures.ts';
import { polledState } from '../../fixtures/centre-state.ts';
import { BASE, bookingOf } from '../../fixtures/doctolib/fake.ts';
import { makeCentre } from '../../fixtures/world.ts';

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type Json = Record<string, unknown>;

/** Every motive name of the real captures, with what the platform said of it. */
function capturedMotives() {
  const rows: Array<{ source: string; name: string; covid: boolean; dose: string }> = [];
  const booking = capture('providers/doctolib/basic-booking.json') as { data: { visit_motives: Json[] } };
  for (const m of booking.data.visit_motives)
    rows.push({
      source: 'doctolib',
      name: String(m.name),
      covid: isCovidVaccination(String(m.name), { platform: m.vaccination_motive as boolean | undefined }),
      dose: m.first_shot_motive ? 'first' : doseFromText(String(m.name)),
    });
  const reasons = capture('providers/maiia/consultation-reason-hcd.json') as { items: Json[] };
  for (const r of reasons.items)
    rows.push({
      source: 'maiia',
      name: String(r.name),
      covid: isCovidVaccination(String(r.name), { platform: r.injectionType === 'FIRST' ? true : undefined }),
      dose: doseFromText(String(r.name)),
    });
  const resource = capture('providers/keldoc/resource-ain.json') as { specialties: Json[] };
  const skills = ((resource.specialties[0]?.skills ?? []) as Json[]).map((s) => String(s.name));
  const categories = capture('providers/keldoc/motives-ain.json') as Json[];
  for (const c of categories)
    for (const m of c.motives as Json[])
      rows.push({
        source: 'keldoc',
        name: String(m.name),
        covid: isCovidVaccination(String(m.name), {
          context: [String(c.name)],
          covidSite: skills.some((s) => /covid/i.test(s)),
        }),
        dose: doseFromText(String(m.name)),
      });
  return rows;
}

describe('motive classification (src/adapters/classify.ts)', () => {
  it('counts every real captured vaccination motive as COVID, with the dose its name or platform says', () => {
    const rows = capturedMotives();
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.filter((r) => !r.covid)).toEqual([]);
    const keldocDoses = rows.filter((r) => r.source === 'keldoc').map((r) => [r.name, r.dose]);
    expect(keldocDoses).toContainEqual(['1ère injection seule (sans rappel) + 12 ans', 'first']);
    expect(keldocDoses).toContainEqual(['2ème injection seule + 12 ans', 'second']);
    expect(rows.find((r) => r.source === 'doctolib')).toMatchObject({ dose: 'first' });
  });

  // Hand-written: [name, COVID vaccination by its name alone, dose, vaccine].
  const TABLE: ReadonlyArray<readonly [string, boolean, string, string | null]> = [
    ['1ère injection vaccin COVID-19 (Pfizer-BioNTech)', true, 'first', 'Pfizer-BioNTech'],
    ['2nde injection vaccin COVID-19 (Moderna)', true, 'second', 'Moderna'],
    ['Deuxième injection vaccin anti covid-19 (AstraZeneca)', true, 'second', 'AstraZeneca'],
    ['Dose de rappel vaccin COVID-19 (Comirnaty)', true, 'booster', 'Pfizer-BioNTech'],
    ['3ème dose Spikevax', true, 'booster', 'Moderna'],
    ['Injection unique vaccin COVID-19 (Janssen)', true, 'unknown', 'Janssen'],
    ['Vaccination Nuvaxovid (Novavax) 1ère dose', true, 'first', 'Novavax'],
    ['Vaxzevria 2e injection', true, 'second', 'AstraZeneca'],
    ['Vaccination Covid +12 ans 1ère Injection (INJ1)', true, 'first', null],
    ['Vaccination COVID-19', true, 'unknown', null],
    ['Booster SARS-CoV-2', true, 'booster', null],
    ['Première consultation de neurochirurgie', false, 'first', null],
    ['Consultation de suivi', false, 'unknown', null],
    ['Vaccination antigrippale', false, 'unknown', null],
    ['Dépistage COVID-19 (test PCR)', false, 'unknown', null],
    ['Consultation post-COVID (covid long)', false, 'unknown', null],
    ['Rappel tétanos', false, 'booster', null],
  ];
  it.each(TABLE)('%s → COVID %s, dose %s, vaccine %s', (name, covid, dose, vaccine) => {
    expect(isCovidVaccination(name)).toBe(covid);
    expect(doseFromText(name)).toBe(dose);
    expect(vaccineFromText(name)).toBe(vaccine);
  });

  it('lets the platform decide when it says, and a COVID site count its injections', () => {
    expect(isCovidVaccination('Première consultation de neurochirurgie', { platform: true })).toBe(true);
    expect(isCovidVaccination('1ère injection vaccin COVID-19', { platform: false })).toBe(false);
    expect(isCovidVaccination('2ème injection seule + 12 ans')).toBe(false);
    expect(isCovidVaccination('2ème injection seule + 12 ans', { covidSite: true })).toBe(true);
    expect(isCovidVaccination('Consultation spéciale', { context: ['Vaccination covid PFIZER'] })).toBe(true);
  });
});

const doctolibCentre = makeCentre({
  id: 'demo-doctolib',
  booking: {
    url: 'https://partners.doctolib.fr/centre-de-sante/paris/centre-test?pid=practice-5001',
    platform: 'doctolib',
  },
});

describe('Doctolib counting', () => {
  it('counts two agendas free at the same minute twice (named or bare), a slot under two motives once', async () => {
    const at = '2021-04-21T10:00:00+02:00';
    server.use(
      http.get(`${BASE}/booking/:slug`, () =>
        HttpResponse.json(bookingOf({ zone: 'Europe/Paris', slots: [] })),
      ),
      http.get(`${BASE}/availabilities.json`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        if (query.get('start_date') !== '2021-04-20') return HttpResponse.json({ availabilities: [] });
        const motive = query.get('visit_motive_ids');
        // 101 names both agendas; 102 lists the minute once per free agenda; 103 once (the same slot).
        const slots =
          motive === '101'
            ? [
                { start_date: at, agenda_id: 11 },
                { start_date: at, agenda_id: 12 },
              ]
            : motive === '102'
              ? [at, at, '2021-04-21T11:00:00+02:00', '2021-04-21T11:00:00+02:00']
              : ['2021-04-21T11:00:00+02:00'];
        return HttpResponse.json({ availabilities: [{ date: '2021-04-21', slots }] });
      }),
    );
    const availability = await doctolib.fetchAvailability(doctolibCentre, testContext(doctolib));
    expect(availability).toMatchObject({ status: 'some', slot_count: 4, per_day: { '2021-04-21': 4 } });
  });

  it('never says some for a booking without a COVID vaccination motive: none, with its reason, and reads it fine', async () => {
    const booking = bookingOf({ zone: 'Europe/Paris', slots: [] });
    booking.data.visit_motives = [
      { id: 101, name: 'Première consultation de neurochirurgie' },
      { id: 104, name: 'Consultation de suivi', vaccination_motive: false },
    ];
    const asked: string[] = [];
    server.use(
      http.get(`${BASE}/booking/:slug`, () => HttpResponse.json(booking)),
      http.get(`${BASE}/availabilities.json`, ({ request }) => {
        asked.push(request.url);
        return HttpResponse.json({ availabilities: [{ slots: ['2021-04-21T10:00:00+02:00'] }] });
      }),
    );
    const availability = await doctolib.fetchAvailability(doctolibCentre, testContext(doctolib));
    expect(availability).toMatchObject({
      status: 'none',
      slot_count: 0,
      reason: 'no_vaccination_motive',
      error: null,
    });
    expect(asked).toEqual([]);
    const shown = publicAvailability(polledState('c', NOW, availability), NOW);
    expect(availabilityText(shown, 'Europe/Paris').headline).toBe(
      'Pas de rendez-vous de vaccination proposé en ligne',
    );
  });
});

describe('Maiia and Keldoc motives', () => {
  it('Maiia: reasons neither typed as injections nor named as COVID vaccinations are never asked or counted', async () => {
    const API = 'https://www.maiia.com/api/pat-public';
    const asked: string[] = [];
    server.use(
      http.get(`${API}/consultation-reason-hcd`, () =>
        HttpResponse.json({
          items: [
            { id: 'r1', name: 'Consultation de médecine générale', injectionType: 'NONE' },
            { id: 'r2', name: 'Téléconsultation' },
          ],
          total: 2,
        }),
      ),
      http.get(`${API}/*`, ({ request }) => {
        asked.push(request.url);
        return HttpResponse.json({
          availabilityCount: 3,
          firstPhysicalStartDateTime: '2021-04-21T08:00:00.000Z',
        });
      }),
    );
    const centre = makeCentre({
      id: 'demo-maiia',
      booking: { url: 'https://www.maiia.com/centre/35000-rennes/centre?centerid=5ffd', platform: 'maiia' },
    });
    const availability = await maiia.fetchAvailability(centre, testContext(maiia));
    expect(availability).toMatchObject({ status: 'none', reason: 'no_vaccination_motive', error: null });
    expect(asked).toEqual([]);
  });

  it('Keldoc: a cabinet whose categories hold no vaccination motive is none with its reason', async () => {
    const API = 'https://www.keldoc.com/api/patients/v2';
    server.use(
      http.get(`${API}/searches/resource`, () =>
        HttpResponse.json({ id: 1, cabinets: [{ id: 2 }], specialties: [{ id: 3, name: 'Cardiologie' }] }),
      ),
      http.get(`${API}/clinics/1/specialties/3/cabinets/2/motive_categories`, () =>
        HttpResponse.json([
          {
            motive_category_id: 9,
            name: 'Consultations',
            motives: [{ id: 7, name: 'Première consultation', agendas: [{ id: 5 }] }],
          },
        ]),
      ),
      http.get(`${API}/timetables/:motive`, () =>
        HttpResponse.json({
          availabilities: { '2021-04-21': [{ start_time: '2021-04-21T10:00:00.000+02:00' }] },
        }),
      ),
    );
    const centre = makeCentre({
      id: 'demo-keldoc',
      booking: {
        url: 'https://vaccination-covid.keldoc.com/cabinet-medical/paris-75002/centre-test',
        platform: 'keldoc',
      },
    });
    const availability = await keldoc.fetchAvailability(centre, testContext(keldoc));
    expect(availability).toMatchObject({ status: 'none', reason: 'no_vaccination_motive', error: null });
  });
});
