import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/app-context.ts';
import { vmdDepartementFile, vmdInfoCentresFile } from '../../../src/opendata/vmd.ts';
import { VmdCentre, VmdDepartementFile, VmdInfoCentres } from '../../../src/opendata/vmd-schema.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { appWithStates, checkedState, failedState } from './app-with-states.ts';

const NOW = new Date('2021-04-20T08:01:00Z');
const AT = '2021-04-20T08:00:00.000Z';
const ORIGIN = 'https://creneau.example';
const realCentre: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../fixtures/vmd/centre.json', import.meta.url), 'utf8'),
);

const states = new Map<string, CentreState>();
let app: AppContext;

const someSlots = checkedState('demo-0129', AT, {
  status: 'some',
  next_slot: '2021-04-21T10:30:00+02:00',
  slot_count: 12,
  per_day: { '2021-04-21': 5, '2021-04-22': 7 },
  per_vaccine: { 'Pfizer-BioNTech': 12 },
});

beforeAll(async () => {
  states.set('demo-0129', someSlots);
  states.set('demo-0130', checkedState('demo-0130', AT, { status: 'none' }));
  states.set(
    'demo-0131',
    failedState(
      'demo-0131',
      AT,
      { kind: 'timeout', message: 'no answer in 10 s' },
      checkedState('demo-0131', '2021-04-20T07:00:00.000Z', { status: 'none' }),
    ),
  );
  // demo-0132: never checked at all (no state).
  states.set('demo-0133', checkedState('demo-0133', AT, { status: 'phone_only' }));
  states.set('demo-0128', {
    ...failedState('demo-0128', AT, { kind: 'blocked', message: '403' }),
    checked_at: null,
    last_error: null,
    held_back: { reason: 'circuit_open', until: null },
  });
  app = await appWithStates(NOW, states);
});

const file35 = () => vmdDepartementFile(app, '35', app.centres.inDepartement('35'), ORIGIN);
const centre = (id: string) => {
  const file = file35();
  const found = [...file.centres_disponibles, ...file.centres_indisponibles].find(
    (c) => c.internal_id === id,
  );
  if (!found) throw new Error(`no ${id}`);
  return found;
};

describe('the ViteMaDose format', () => {
  it('accepts the hand-written copy of a real ViteMaDose centre', () => {
    expect(VmdCentre.safeParse(realCentre).success).toBe(true);
  });

  it('refuses a centre without erreur and an available centre without a next appointment', () => {
    const { erreur: _erreur, ...withoutErreur } = realCentre;
    expect(VmdCentre.safeParse(withoutErreur).success).toBe(false);
    const file = {
      version: 1,
      last_updated: '2021-05-11T18:16:24.502206+02:00',
      centres_disponibles: [{ ...realCentre, prochain_rdv: null }],
      centres_indisponibles: [],
    };
    expect(VmdDepartementFile.safeParse(file).success).toBe(false);
  });
});

describe('GET /api/v1/vmd/{departement}.json body', () => {
  it('validates against the schema, every centre with the real centre’s keys and value types', () => {
    const file = file35();
    expect(VmdDepartementFile.parse(file)).toBeTruthy();
    const keys = (value: object) =>
      Object.keys(value)
        .filter((key) => !['appointment_schedules', 'gid'].includes(key))
        .sort();
    const typeOf = (value: unknown) =>
      value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const available = file.centres_disponibles[0];
    expect(available).toBeDefined();
    expect(keys(available ?? {})).toEqual(keys(realCentre));
    for (const key of keys(realCentre)) {
      expect([key, typeOf(available?.[key as keyof VmdCentre])]).toEqual([key, typeOf(realCentre[key])]);
    }
    for (const entry of [...file.centres_disponibles, ...file.centres_indisponibles])
      expect(keys(entry)).toEqual(keys(realCentre));
    expect(file.centres_disponibles.length + file.centres_indisponibles.length).toBe(
      app.centres.inDepartement('35').length,
    );
  });

  it('lists a centre with slots as available, with its count, next slot, vaccines and a /go link', () => {
    const file = file35();
    expect(file.centres_disponibles.map((c) => c.internal_id)).toEqual(['demo-0129']);
    expect(centre('demo-0129')).toMatchObject({
      departement: '35',
      url: `${ORIGIN}/go/demo-0129`,
      plateforme: app.centres.byId('demo-0129')?.booking.platform === 'maiia' ? 'Maiia' : 'Doctolib',
      type: 'vaccination-center',
      appointment_count: 12,
      prochain_rdv: '2021-04-21T10:30:00+02:00',
      vaccine_type: ['Pfizer-BioNTech'],
      appointment_by_phone_only: false,
      erreur: null,
      last_scan_with_availabilities: '2021-04-20T10:00:00+02:00',
    });
    expect(file.last_updated).toBe('2021-04-20T10:01:00+02:00');
  });

  it('gives location, address, French weekday hours and an international phone number from the registry', () => {
    const registryCentre = app.centres.byId('demo-0130');
    const entry = centre('demo-0130');
    expect(entry.location).toEqual({
      longitude: registryCentre?.location?.lon,
      latitude: registryCentre?.location?.lat,
      city: registryCentre?.commune.name,
      cp: registryCentre?.address.postcode,
    });
    expect(entry.metadata?.address).toContain(
      `${registryCentre?.address.postcode} ${registryCentre?.commune.name}`,
    );
    expect(Object.keys(entry.metadata?.business_hours ?? {})).toContain('lundi');
    expect(entry.metadata?.phone_number).toMatch(/^\+33\d{9}$/);
  });

  it('says erreur: null after a successful check with no slots, and lists the centre as unavailable', () => {
    expect(centre('demo-0130')).toMatchObject({ erreur: null, appointment_count: 0, vaccine_type: null });
    expect(file35().centres_indisponibles.map((c) => c.internal_id)).toContain('demo-0130');
  });

  it('says in French which error the last check met, and how old the last good information is', () => {
    expect(centre('demo-0131').erreur).toBe(
      'La plateforme de réservation n’a pas répondu à temps (dernières informations du 20/04/2021 à 09:00)',
    );
  });

  it('sets erreur exactly when the last check failed or expired: not for a centre never checked (issue 12)', () => {
    expect(centre('demo-0132')).toMatchObject({ erreur: null, vaccine_type: null, appointment_count: 0 });
    expect(centre('demo-0128')).toMatchObject({ erreur: null, appointment_count: 0 });
    expect(file35().centres_indisponibles.map((c) => c.internal_id)).toEqual(
      expect.arrayContaining(['demo-0132', 'demo-0128']),
    );
  });

  it('flags phone-only centres, without a booking link and without an error', () => {
    const registry = app.centres.byId('demo-0133');
    expect(centre('demo-0133')).toMatchObject({
      url: registry?.booking.url ? `${ORIGIN}/go/demo-0133` : '',
      appointment_by_phone_only: true,
      erreur: null,
    });
  });
});

describe('GET /api/v1/vmd/info_centres.json body', () => {
  it('holds every département with centres, keyed by code, each as its own file', () => {
    const info = vmdInfoCentresFile(app, ORIGIN);
    expect(VmdInfoCentres.parse(info)).toBeTruthy();
    const withCentres = app.gazetteer
      .departements()
      .map((d) => d.code)
      .filter((code) => app.centres.inDepartement(code).length > 0);
    expect(Object.keys(info).sort()).toEqual([...withCentres].sort());
    expect(info['35']).toEqual(file35());
  });
});
