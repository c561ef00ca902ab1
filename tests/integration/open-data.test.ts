import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapterContext } from '../../src/adapters/context.ts';
import smart from '../../src/adapters/smart/adapter.ts';
import type { PublicAvailability } from '../../src/availability/public-availability.ts';
import { DEFAULT_PUBLIC_URL } from '../../src/config/alert-settings.ts';
import { SpecLocation, SpecManifest, SpecSchedule, SpecSlot } from '../../src/opendata/smart-spec-schema.ts';
import { VmdDepartementFile, VmdInfoCentres } from '../../src/opendata/vmd-schema.ts';
import { Centre } from '../../src/registry/centre.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

type CentreJson = Centre & { availability: PublicAvailability };
interface DepartementJson {
  centres: CentreJson[];
}

let server: RunningServer;
const get = (p: string, init?: RequestInit) => fetch(`${server.url}${p}`, init);
const json = async <T>(p: string) => (await (await get(p)).json()) as T;
const ndjson = async (p: string) =>
  (await (await get(p)).text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);

beforeAll(async () => {
  const dataDir = tempDataDir();
  const config = path.join(dataDir, 'creneau.config.json');
  writeFileSync(config, JSON.stringify({ poller: { initial_spread_s: 1 } }));
  server = await startServer({ dataDir, env: { CRENEAU_CONFIG: config } });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const body = await json<DepartementJson>('/api/v1/departements/75');
    if (body.centres.every((c) => c.availability.checked_at !== null)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the poller did not check every Paris centre within 60 s');
}, 300_000);
afterAll(async () => server?.stop());

describe('GET /api/v1/vmd/{departement}.json', () => {
  it('answers the ViteMaDose format, links through /go, with the API’s caching headers', async () => {
    const response = await get('/api/v1/vmd/75.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toMatch(/public, max-age=\d+, stale-while-revalidate=\d+/);
    const file = VmdDepartementFile.parse(await response.json());
    const all = [...file.centres_disponibles, ...file.centres_indisponibles];
    expect(file.centres_disponibles.length).toBeGreaterThan(0);
    // Built from CRENEAU_PUBLIC_URL (unset here: its default), never from the request's host (issue 12).
    for (const centre of all.filter((c) => c.url !== ''))
      expect(centre.url).toBe(`${DEFAULT_PUBLIC_URL}/go/${centre.internal_id}`);
    const again = await get('/api/v1/vmd/75.json', {
      headers: { 'if-none-match': response.headers.get('etag') ?? '' },
    });
    expect([200, 304]).toContain(again.status);
  });

  it('fills erreur exactly for the centres whose last check failed or expired (issue 12)', async () => {
    // The poller keeps running: only centres it did not re-check around the VMD read are compared.
    const api = await json<DepartementJson>('/api/v1/departements/75');
    const vmd = await json<VmdDepartementFile>('/api/v1/vmd/75.json');
    const after = await json<DepartementJson>('/api/v1/departements/75');
    const checkedAfter = new Map(after.centres.map((c) => [c.id, c.availability.checked_at]));
    const erreurs = new Map(
      [...vmd.centres_disponibles, ...vmd.centres_indisponibles].map((c) => [c.internal_id, c.erreur]),
    );
    const stable = api.centres.filter((c) => checkedAfter.get(c.id) === c.availability.checked_at);
    expect(stable.length).toBeGreaterThan(0);
    for (const centre of stable) {
      const a = centre.availability;
      const failed = a.error !== null || a.freshness === 'expired';
      expect(erreurs.get(centre.id) !== null, centre.id).toBe(failed);
    }
  });

  it('keys info_centres.json by département, each file as the département’s own', async () => {
    const info = VmdInfoCentres.parse(await json('/api/v1/vmd/info_centres.json'));
    expect(Object.keys(info)).toContain('75');
    expect(info['35']?.centres_disponibles.length ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('answers 400 and 404 with the API’s error shape, readable from any origin', async () => {
    const bad = await get('/api/v1/vmd/1.json');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    expect((await get('/api/v1/vmd/99.json')).status).toBe(400);
    // Well-formed (Corsica's code before 1976) but no such département today.
    expect((await get('/api/v1/vmd/20.json')).status).toBe(404);
  });
});

describe('SMART Scheduling Links publication', () => {
  it('serves a spec manifest as JSON and NDJSON files as application/fhir+ndjson, with max-age and ETag', async () => {
    const response = await get('/smart/$bulk-publish', { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const manifest = SpecManifest.parse(await response.json());
    expect(manifest.request).toBe(`${server.url}/smart/$bulk-publish`);
    const slots = manifest.output.find((o) => o.type === 'Slot' && o.extension?.state[0] === '75');
    expect(slots?.url).toBe(`${server.url}/smart/slots-75.ndjson`);

    const file = await get('/smart/slots-75.ndjson');
    expect(file.headers.get('content-type')).toBe('application/fhir+ndjson');
    const etag = file.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"/);
    const noAccept = await get('/smart/locations-75.ndjson');
    expect(noAccept.status).toBe(200);
  });

  it('validates every resource of a département against the spec', async () => {
    const locations = await ndjson('/smart/locations-75.ndjson');
    const schedules = await ndjson('/smart/schedules-75.ndjson');
    const slots = await ndjson('/smart/slots-75.ndjson');
    expect(locations.length).toBeGreaterThan(5);
    expect(schedules.length).toBe(locations.length);
    expect(slots.length).toBeGreaterThan(0);
    for (const l of locations) SpecLocation.parse(l);
    for (const s of schedules) SpecSchedule.parse(s);
    for (const s of slots) SpecSlot.parse(s);
  });

  it('reads back, through Créneau’s own smart adapter, the availability the API shows', async () => {
    const before = await json<DepartementJson>('/api/v1/departements/75');
    const centres = before.centres.map((c) => Centre.parse(c));
    const ctx = createAdapterContext(smart, {
      // The manifest lists three files per département: let the adapter fetch them briskly.
      settings: {
        base_url: `${server.url}/smart`,
        rate_limit: { requests: 200, per_seconds: 1 },
        concurrency: 8,
        timeout_ms: 30_000,
      },
      centres: () => centres,
      logger: pino({ level: 'silent' }),
    });
    const read = new Map(
      await Promise.all(centres.map(async (c) => [c.id, await smart.fetchAvailability(c, ctx)] as const)),
    );
    const after = await json<DepartementJson>('/api/v1/departements/75');
    const validAt = new Map(after.centres.map((c) => [c.id, c.availability.valid_at]));
    // The poller keeps running: compare the centres it did not re-check while we were reading.
    const stable = before.centres.filter((c) => validAt.get(c.id) === c.availability.valid_at);
    expect(stable.length).toBeGreaterThan(before.centres.length / 2);
    const statuses = new Set<string>();
    for (const centre of stable) {
      const published = centre.availability;
      const back = read.get(centre.id);
      // has-availability follows the one rule: a failed or registry-only answer is unknown (issue 12).
      const known = !published.error && published.source_read;
      const status =
        known && (published.status === 'some' || published.status === 'none') ? published.status : 'unknown';
      statuses.add(status);
      expect({ id: centre.id, status: back?.status, slots: back?.slot_count, days: back?.per_day }).toEqual({
        id: centre.id,
        status,
        slots: status === 'unknown' ? 0 : published.slot_count,
        days: status === 'unknown' ? {} : published.per_day,
      });
      expect(back?.error).toBeNull();
      if (centre.booking.url) expect(back?.booking_url).toBe(`${server.url}/go/${centre.id}`);
    }
    expect(statuses).toContain('some');
    expect(statuses).toContain('none');
  });
});

describe('CORS', () => {
  it('answers preflights for GET under /api/v1 and /smart with 204', async () => {
    for (const p of [
      '/api/v1/vmd/75.json',
      '/api/v1/vmd/info_centres.json',
      '/smart/$bulk-publish',
      '/smart/slots-75.ndjson',
      '/api/v1/centres',
      '/api/v1/places',
      '/api/v1/departements/75',
      '/api/v1/stats',
    ]) {
      const response = await get(p, {
        method: 'OPTIONS',
        headers: { origin: 'https://mairie.example', 'access-control-request-method': 'GET' },
      });
      expect([p, response.status]).toEqual([p, 204]);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    }
  });

  it('lets any origin read answers and errors of the API', async () => {
    for (const p of [
      '/api/v1/centres?departement=75',
      '/api/v1/centres?radius=3',
      '/api/v1/places?q=rennes',
      '/smart/schedules-75.ndjson',
    ]) {
      const response = await get(p, { headers: { origin: 'https://mairie.example' } });
      expect([p, response.headers.get('access-control-allow-origin')]).toEqual([p, '*']);
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    for (const p of ['/api/v1/vmd/75.json', '/smart/$bulk-publish', '/smart/slots-75.ndjson']) {
      const response = await get(p, { method: 'HEAD' });
      expect([p, response.status, response.headers.get('access-control-allow-origin')]).toEqual([
        p,
        200,
        '*',
      ]);
      expect(await response.text()).toBe('');
    }
  });
});
