import { describe, expect, it } from 'vitest';
import { type AppContext, loadAppContext } from '../../../src/app/app-context.ts';
import type { AvailabilityView } from '../../../src/availability/availability-view.ts';
import { hasSlots, publicAvailability } from '../../../src/availability/public-availability.ts';
import { vmdDepartementFile, vmdInfoCentresFile } from '../../../src/opendata/vmd.ts';
import {
  CreneauVmdCentre,
  VMD_PLATEFORMES,
  VMD_TYPES_LIEUX,
  VMD_WEEKDAYS,
  type VmdDepartementFile,
  VmdInfoCentres,
} from '../../../src/opendata/vmd-schema.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import { type CentreState, recordPoll } from '../../../src/poller/centre-state.ts';
import type { Centre } from '../../../src/registry/centre.ts';
import { generateDemoRegistry } from '../../../src/registry/demo.ts';
import { importOfficial } from '../../../src/registry/import/import-official.ts';
import type { RegistryFile } from '../../../src/registry/registry-file.ts';
import { captureBytes } from '../../fixtures/captures.ts';
import { polledState } from '../../fixtures/centre-state.ts';

const NOW = new Date('2021-04-20T08:01:00Z');
const ORIGIN = 'https://creneau.example';
const HOUR = 3_600_000;

/** Seven kinds of knowledge, spread over every centre by its position in the registry. */
function stateFor(centre: Centre, index: number): CentreState | undefined {
  const at = new Date(NOW.getTime() - 60_000);
  const some = {
    status: 'some' as const,
    next_slot: '2021-04-20T14:30:00+02:00',
    slot_count: 9,
    next_24h: 4,
    per_day: { '2021-04-20': 4, '2021-04-23': 5 },
    per_day_period: {
      '2021-04-20': { morning: 0, afternoon: 3, evening: 1 },
      '2021-04-23': { morning: 5, afternoon: 0, evening: 0 },
    },
    per_vaccine: { 'Pfizer-BioNTech': 6, Novavax: 3 },
  };
  const fail = (state: CentreState, when: Date) =>
    recordPoll(state, {
      availability: {
        ...state.availability!,
        status: 'unknown',
        error: { kind: 'unreachable', message: '500' },
      },
      at: when,
      nextDueAt: new Date(when.getTime() + 120_000),
      expectedIntervalS: 120,
    });
  switch (index % 7) {
    case 0:
      return polledState(centre.id, at, some);
    case 1:
      return polledState(centre.id, at, {
        status: 'none',
        next_slot: null,
        slot_count: 0,
        per_day: {},
        per_vaccine: {},
      });
    case 2: // failing for 10 minutes after a good answer: stale, still shown, with erreur
      return fail(
        polledState(centre.id, new Date(NOW.getTime() - 15 * 60_000), some),
        new Date(NOW.getTime() - 10 * 60_000),
      );
    case 3: // failing for two hours: the last good value expired
      return fail(polledState(centre.id, new Date(NOW.getTime() - 2 * HOUR), some), at);
    case 4: // a slot only beyond the horizon
      return polledState(centre.id, at, {
        status: 'some',
        next_slot: '2021-05-10T09:00:00+02:00',
        slot_count: 0,
        per_day: {},
        per_vaccine: {},
      });
    case 5:
      return undefined;
    default:
      return polledState(centre.id, at, {
        status: 'phone_only',
        next_slot: null,
        slot_count: 0,
        per_day: {},
      });
  }
}

async function appOver(registry: RegistryFile): Promise<AppContext> {
  const states = new Map<string, CentreState>();
  registry.centres.forEach((centre, index) => {
    const state = stateFor(centre, index);
    if (state) states.set(centre.id, state);
  });
  const availability = {
    state: (id: string) => states.get(id),
    providers: () => [],
    version: 'test',
  } as unknown as AvailabilityView;
  return loadAppContext({ registry, availability, now: () => NOW });
}

/**
 * The file read the way vitemadose-front's State.ts reads it: `lieuxPour` concatenates
 * `centres_disponibles` then `centres_indisponibles` through `transformLieu` (`appointment_count ||
 * 0`, `vaccine_type` joined by ", "), `typeActionPour` decides what the card offers, and the
 * chronodose count is the `appointment_schedules` entry named "chronodose".
 */
function readLikeTheirFrontEnd(file: VmdDepartementFile) {
  const transformLieu = (raw: (typeof file.centres_disponibles)[number]) => ({
    ...raw,
    appointment_count: raw.appointment_count || 0,
    vaccine_type: raw.vaccine_type ? raw.vaccine_type.join(', ') : undefined,
  });
  const disponibles = file.centres_disponibles.map(transformLieu);
  const indisponibles = file.centres_indisponibles.map(transformLieu);
  const typeActionPour = (lieu: ReturnType<typeof transformLieu>) => {
    if (lieu.appointment_by_phone_only && lieu.metadata?.phone_number) return 'actif-via-tel';
    return lieu.appointment_count !== 0 ? 'actif-via-plateforme' : 'inactif-via-plateforme';
  };
  return [
    ...disponibles.map((l) => ({ ...l, disponible: true })),
    ...indisponibles.map((l) => ({ ...l, disponible: false })),
  ].map((lieu) => ({
    id: lieu.internal_id,
    disponible: lieu.disponible,
    action: typeActionPour(lieu),
    count: lieu.appointment_count,
    next: lieu.prochain_rdv ? Date.parse(lieu.prochain_rdv) : null,
    chronodose: lieu.appointment_schedules.find((s) => s.name === 'chronodose')?.total ?? null,
    vaccines: lieu.vaccine_type ?? null,
    erreur: lieu.erreur,
  }));
}

function checkEveryDepartement(app: AppContext) {
  const info = vmdInfoCentresFile(app, ORIGIN);
  VmdInfoCentres.parse(info);
  const codes = Object.keys(info);
  expect(codes.length).toBeGreaterThan(10);
  let available = 0;
  for (const code of codes) {
    const file = info[code] as VmdDepartementFile;
    for (const entry of [...file.centres_disponibles, ...file.centres_indisponibles]) {
      CreneauVmdCentre.parse(entry);
      expect(VMD_PLATEFORMES.includes(entry.plateforme as never) || entry.plateforme === null).toBe(true);
      expect(VMD_TYPES_LIEUX).toContain(entry.type);
      if (entry.metadata?.business_hours)
        expect(Object.keys(entry.metadata.business_hours)).toEqual([...VMD_WEEKDAYS]);
      expect(entry.url === '' || entry.url.startsWith(`${ORIGIN}/go/`)).toBe(true);
    }
    for (const lieu of readLikeTheirFrontEnd(file)) {
      const centre = app.centres.byId(lieu.id ?? '');
      if (!centre) throw new Error(`no centre ${lieu.id}`);
      const api = publicAvailability(app.availability.state(centre.id), NOW);
      // The same figures as the API, read as their front end reads them.
      expect({ id: lieu.id, disponible: lieu.disponible }).toEqual({
        id: centre.id,
        disponible: hasSlots(api),
      });
      expect(lieu.count).toBe(hasSlots(api) ? api.slot_count : 0);
      expect(lieu.next).toBe(hasSlots(api) && api.next_slot ? Date.parse(api.next_slot) : null);
      if (lieu.disponible) {
        available++;
        expect(lieu.action).not.toBe('inactif-via-plateforme');
        expect(lieu.chronodose).toBe(api.next_24h);
        expect(lieu.vaccines).toBe('Pfizer-BioNTech');
      } else expect(lieu.chronodose).toBeNull();
      // erreur exactly when the last check failed or expired.
      expect(lieu.erreur !== null).toBe(api.error !== null || api.freshness === 'expired');
      // A failing or expired platform is never "0 slots, no error" and never available once expired.
      if (api.freshness === 'expired') expect(lieu.disponible).toBe(false);
    }
  }
  expect(available).toBeGreaterThan(0);
}

describe('ViteMaDose output against their own format (src/opendata/vmd-schema.ts)', () => {
  it('validates for every département of the demo, and reads back the API figures the way their front end does', async () => {
    checkEveryDepartement(await appOver(generateDemoRegistry(getGazetteer())));
  });

  it('validates for every département of the imported January 2021 list', async () => {
    const { registry } = importOfficial(captureBytes('centres/centres-vaccination_2021-01-15.csv'), {
      source: 'centres-vaccination_2021-01-15.csv',
      communes: getGazetteer(),
      now: () => new Date('2021-01-15T12:00:00+01:00'),
    });
    if (!registry) throw new Error('the January list imports');
    const app = await appOver(registry);
    checkEveryDepartement(app);
    const file = vmdDepartementFile(app, '35', app.centres.inDepartement('35'), ORIGIN);
    const withGid = [...file.centres_disponibles, ...file.centres_indisponibles].filter(
      (c) => c.gid !== null,
    );
    expect(withGid.length).toBe(app.centres.inDepartement('35').length);
  });

  it('gives the appointment_schedules windows of ViteMaDose: chronodose 24 h, then 1, 2, 7, 28, 49 days from midnight', async () => {
    const app = await appOver(generateDemoRegistry(getGazetteer()));
    const file = vmdDepartementFile(app, '35', app.centres.inDepartement('35'), ORIGIN);
    const first = file.centres_disponibles[0];
    expect(first?.appointment_schedules).toEqual([
      { name: 'chronodose', from: '2021-04-20T10:01:00+02:00', to: '2021-04-21T10:00:59+02:00', total: 4 },
      { name: '1_days', from: '2021-04-20T00:00:00+02:00', to: '2021-04-20T23:59:59+02:00', total: 4 },
      { name: '2_days', from: '2021-04-20T00:00:00+02:00', to: '2021-04-21T23:59:59+02:00', total: 4 },
      { name: '7_days', from: '2021-04-20T00:00:00+02:00', to: '2021-04-26T23:59:59+02:00', total: 9 },
      { name: '28_days', from: '2021-04-20T00:00:00+02:00', to: '2021-05-17T23:59:59+02:00', total: 9 },
      { name: '49_days', from: '2021-04-20T00:00:00+02:00', to: '2021-06-07T23:59:59+02:00', total: 9 },
    ]);
    expect(first?.last_scan_with_availabilities).toBe('2021-04-20T10:00:00+02:00');
  });
});
