import { parse } from 'csv-parse/sync';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectAlerts, takeSnapshot } from '../../src/alerts/detect-alerts.ts';
import { centreJson } from '../../src/api/centre-json.ts';
import { type AppContext, loadAppContext } from '../../src/app/app-context.ts';
import type { AvailabilityView } from '../../src/availability/availability-view.ts';
import { DEFAULT_EXPIRE_AFTER_S } from '../../src/availability/knowledge-settings.ts';
import { hasSlots, publicAvailability } from '../../src/availability/public-availability.ts';
import { memoryDriver } from '../../src/cache/drivers/memory.ts';
import { centresCsv } from '../../src/communes/centres-csv.ts';
import { availabilityText } from '../../src/format/availability-text.ts';
import { timeZoneOf } from '../../src/geo/time-zone.ts';
import { smartResources } from '../../src/opendata/smart-publication.ts';
import { vmdDepartementFile } from '../../src/opendata/vmd.ts';
import { createPoller, type Poller } from '../../src/poller/poller.ts';
import { rankHits } from '../../src/search/availability-filters.ts';
import { type SimProvider, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { takeSample } from '../../src/stats/figures.ts';
import { CENTRES } from '../fixtures/simulator/centres.ts';

/**
 * Issue 12's proof, output by output: the real poller against the provider simulator, Doctolib faulted
 * with 500s, and every output (API, card words, CSV, ViteMaDose, SMART, alerts, statistics, search
 * filter) read at a controllable instant: the outputs' clock is set by hand (`at`), so "two hours
 * later" needs no waiting. The poller itself runs on real time with one-second intervals; each step
 * waits for the state it needs, with a deadline far above what it takes.
 */

const ORIGIN = 'https://creneau.example';
const DEADLINE_MS = 60_000;
const doctolib = CENTRES.filter((c) => c.booking.platform === 'doctolib');
const departements = [...new Set(doctolib.map((c) => c.departement ?? ''))];

let simulator: Simulator;
let poller: Poller;
let app: AppContext;
let outputsNow = new Date();
/** What every centre showed while Doctolib failed from the start: no slots anywhere. */
let failingSnapshot: ReturnType<typeof takeSnapshot> = new Map();

async function waitFor(what: string, predicate: () => boolean): Promise<void> {
  const until = Date.now() + DEADLINE_MS;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  simulator = await startSimulator({ centres: CENTRES, seed: 'honest' });
  // Failing from the very first request: no good value ever.
  await simulator.faults.set('doctolib', { errorRate: 1 });
  const settings = (provider: SimProvider) => ({
    base_url: simulator.urls[provider],
    timeout_ms: 30_000,
    rate_limit: { requests: 100, per_seconds: 1 },
    concurrency: 2,
  });
  poller = createPoller({
    centres: CENTRES,
    providers: {
      doctolib: settings('doctolib'),
      maiia: settings('maiia'),
      keldoc: settings('keldoc'),
      smart: settings('smart'),
    },
    cache: memoryDriver({}),
    config: {
      intervals: { active_s: 1, quiet_s: 1, dormant_s: 1 },
      initial_spread_s: 0.2,
      retry: { attempts: 1, base_ms: 50, cap_ms: 100 },
      breaker: { consecutive_failures: 1000, cool_down_s: 1 },
      write_every_ms: 100,
    },
    logger: pino({ level: 'silent' }),
  });
  const view = {
    state: (id: string) => poller.centreState(id),
    providers: () => [],
    get version() {
      return String(Math.random());
    },
  } as unknown as AvailabilityView;
  app = await loadAppContext({
    registry: {
      format: 'creneau-registry',
      version: 1,
      kind: 'demo',
      source: 'test',
      imported_at: '2021-04-20T00:00:00.000Z',
      centres: CENTRES,
    },
    availability: view,
    now: () => outputsNow,
  });
  await poller.start();
}, 120_000);

afterAll(async () => {
  await poller?.stop();
  await simulator?.close();
});

type Json = Record<string, unknown>;

/** The alert engine's snapshot, of the Doctolib centres only (the other platforms poll on, unfaulted). */
function snapshot(at: Date): ReturnType<typeof takeSnapshot> {
  const all = takeSnapshot(app, at);
  return new Map([...all].filter(([id]) => doctolib.some((centre) => centre.id === id)));
}

/** Everything every output says of the Doctolib centres, at `at`. */
function outputs(at: Date) {
  outputsNow = at;
  const rows = doctolib.map((centre) => ({
    centre,
    distance: 1,
    availability: publicAvailability(app.availability.state(centre.id), at),
  }));
  const csv = parse(centresCsv(rows, ORIGIN), { bom: true, delimiter: ';' }) as string[][];
  const vmd = departements.flatMap((code) => {
    const file = vmdDepartementFile(app, code, app.centres.inDepartement(code), ORIGIN);
    return [
      ...file.centres_disponibles.map((c) => ({ ...c, disponible: true })),
      ...file.centres_indisponibles.map((c) => ({ ...c, disponible: false })),
    ];
  });
  const schedules = departements.flatMap((code) => smartResources(app, 'Schedule', code, ORIGIN) as Json[]);
  const slots = departements.flatMap((code) => smartResources(app, 'Slot', code, ORIGIN) as Json[]);
  const sample = takeSample(app.availability, doctolib, at);
  const available = rankHits(
    doctolib.map((centre) => ({ centre, distance_km: 1 })),
    app.availability,
    at,
    { available: true },
  );
  return doctolib.map((centre, index) => {
    const row = csv[index + 1] ?? [];
    const entry = vmd.find((c) => c.internal_id === centre.id);
    const schedule = schedules.find((s) => s.id === centre.id);
    const api = centreJson(
      centre,
      rows[index]?.availability ?? publicAvailability(undefined, at),
    ).availability;
    return {
      id: centre.id,
      api,
      card: availabilityText(api, timeZoneOf(centre)),
      csv: { text: row[8], slots: row[9], next: row[10], checked: row[11] },
      vmd: entry,
      smart: (schedule?.extension as Json[] | undefined)?.[0]?.valueCode,
      smartSlots: slots.filter((s) => (s.schedule as Json).reference === `Schedule/${centre.id}`).length,
      listedAvailable: available.some((hit) => hit.centre.id === centre.id),
      sample,
    };
  });
}

function expectNothingAvailable(seen: ReturnType<typeof outputs>) {
  for (const o of seen) {
    expect(o.api.available, o.id).toBe(false);
    expect(hasSlots(o.api), o.id).toBe(false);
    expect(o.vmd?.disponible, o.id).toBe(false);
    expect(o.vmd?.appointment_count, o.id).toBe(0);
    expect(o.vmd?.erreur, o.id).toEqual(expect.any(String));
    expect(o.smart, o.id).toBe('unknown');
    expect(o.smartSlots, o.id).toBe(0);
    expect(o.listedAvailable, o.id).toBe(false);
  }
  expect(seen[0]?.sample.france.centres_with_slots).toBe(0);
}

describe('every output when a platform fails (issue 12)', () => {
  it('a platform failing from the start never yields none or 0 anywhere', async () => {
    await waitFor('every Doctolib centre to have failed once', () =>
      doctolib.every((c) => poller.centreState(c.id)?.last_error?.kind === 'unreachable'),
    );
    const seen = outputs(new Date());
    for (const o of seen) {
      expect(o.api).toMatchObject({
        status: 'unknown',
        slot_count: null,
        per_day: null,
        per_dose: null,
        error_kind: 'unreachable',
      });
      expect(o.card.headline).not.toMatch(/Aucun créneau/);
      expect(o.card.freshness).toMatch(/^la plateforme ne répond pas depuis \d+ h \d\d$/);
      expect(o.csv).toMatchObject({ slots: '', next: '', checked: '' });
      expect(o.csv.text).toMatch(/la plateforme ne répond pas/);
    }
    expectNothingAvailable(seen);
    expect(seen[0]?.sample.france.centres_unknown).toBe(doctolib.length);
    failingSnapshot = snapshot(new Date());
  });

  it('after recovery, a failure keeps the last good value marked stale, a value past the limit is available nowhere, and recovery restores fresh', async () => {
    await simulator.faults.clear('doctolib');
    await waitFor('every Doctolib centre to recover', () =>
      doctolib.every(
        (c) => poller.centreState(c.id)?.last_error === null && poller.centreState(c.id)?.valid_at,
      ),
    );
    const recovered = outputs(new Date());
    for (const o of recovered) {
      expect(o.api.freshness, o.id).toBe('fresh');
      expect(['some', 'none', 'phone_only']).toContain(o.api.status);
      if (o.api.status !== 'phone_only') expect(o.api.slot_count).toEqual(expect.any(Number));
      expect(o.smart).toBe(o.api.status === 'some' ? 'some' : o.api.status === 'none' ? 'none' : 'unknown');
    }
    const withSlots = recovered.filter((o) => hasSlots(o.api));
    expect(withSlots.length, 'the simulator gives some Doctolib centre slots').toBeGreaterThan(0);
    const settings = { min_slots: 1, dedup_window_s: 0, public_url: ORIGIN };
    const before = snapshot(new Date());
    // Centres seen for the first time are not "appearing" slots: nothing to announce yet.
    expect(detectAlerts(failingSnapshot, snapshot(new Date()), new Date(), settings, [])).toEqual([]);

    await simulator.faults.set('doctolib', { errorRate: 1 });
    await waitFor('every Doctolib centre to fail after its success', () =>
      doctolib.every((c) => poller.centreState(c.id)?.last_error?.kind === 'unreachable'),
    );
    const stale = outputs(new Date());
    for (const o of stale) {
      const good = recovered.find((r) => r.id === o.id);
      // The last good value is kept, marked stale, never turned into none or 0.
      expect(o.api).toMatchObject({
        status: good?.api.status,
        slot_count: good?.api.slot_count,
        freshness: 'stale',
      });
      expect(o.card.freshness).toMatch(
        /^la plateforme ne répond pas depuis \d+ h \d\d ; dernière information de \d+ h \d\d$/,
      );
      expect(o.vmd?.erreur).toMatch(
        /^La plateforme de réservation est injoignable \(dernières informations du /,
      );
      expect(o.smart).toBe('unknown');
    }

    // Past the limit (one hour by default), read at an instant set by hand: available nowhere.
    const later = new Date(Date.now() + (DEFAULT_EXPIRE_AFTER_S + 60) * 1000);
    const expired = outputs(later);
    for (const o of expired) {
      expect(o.api).toMatchObject({ status: 'unknown', freshness: 'expired', slot_count: null });
      expect(o.card.freshness).toMatch(/^dernière information du .* : à vérifier auprès du centre$/);
      expect(o.csv.slots).toBe('');
    }
    expectNothingAvailable(expired);
    // Past the limit, the slots are never announced.
    const expiredSnapshot = snapshot(later);
    expect(detectAlerts(before, expiredSnapshot, later, settings, [])).toEqual([]);

    await simulator.faults.clear('doctolib');
    const failedAt = Math.max(...doctolib.map((c) => Date.parse(poller.centreState(c.id)?.checked_at ?? '')));
    await waitFor('every Doctolib centre to recover again', () =>
      doctolib.every((c) => Date.parse(poller.centreState(c.id)?.valid_at ?? '') > failedAt),
    );
    // Fresh again after an expired value: the slots are announced as appearing.
    const announced = detectAlerts(expiredSnapshot, snapshot(new Date()), new Date(), settings, []);
    expect(announced.map((event) => event.centre_id).length).toBeGreaterThan(0);
    for (const o of outputs(new Date())) {
      expect(o.api.freshness, o.id).toBe('fresh');
      expect(o.api.error).toBeNull();
      expect(o.vmd?.erreur).toBeNull();
    }
  });
});
