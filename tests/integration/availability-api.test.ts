import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_COMPRESSIBLE_BYTES } from '../../src/responses/encoding.ts';
import { type RunningServer, repoRoot, startServer, tempDataDir } from '../support/server.ts';

interface AvailabilityJson {
  status: string;
  slot_count: number;
  next_slot: string | null;
  per_dose: Record<string, number>;
  per_vaccine: Record<string, number>;
  checked_at: string | null;
  valid_at: string | null;
  age_s: number | null;
  freshness: string;
  error: unknown;
}
interface CentreJson {
  id: string;
  booking: { platform: string };
  distance_km: number | null;
  availability: AvailabilityJson;
}
interface DepartementJson {
  totals: { centres: number; centres_with_slots: number; slots: number };
  centres: CentreJson[];
}

let server: RunningServer;
const get = (p: string, init?: RequestInit) => fetch(`${server.url}${p}`, init);
const json = async <T>(p: string) => (await (await get(p)).json()) as T;

/** Polls until every centre of a few départements has been checked once. */
async function waitForFirstPolls(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const body = await json<DepartementJson>('/api/v1/departements/75');
    if (body.centres.every((c) => c.availability.checked_at !== null)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the poller did not check every Paris centre within 60 s');
}

/** /metrics is behind a bearer token (docs/CONFIGURATION.md, Serving). */
const METRICS_TOKEN = 'test-metrics-token-0123456789';

beforeAll(async () => {
  const dataDir = tempDataDir();
  const config = path.join(dataDir, 'creneau.config.json');
  writeFileSync(config, JSON.stringify({ poller: { initial_spread_s: 1 } }));
  server = await startServer({
    dataDir,
    env: { CRENEAU_CONFIG: config, CRENEAU_METRICS_TOKEN: METRICS_TOKEN },
  });
  await waitForFirstPolls();
}, 300_000);
afterAll(async () => server?.stop());

describe('availability in the API', () => {
  it('gives every centre an availability with checked_at, valid_at, age_s and freshness', async () => {
    const body = await json<DepartementJson>('/api/v1/departements/75');
    expect(body.centres.length).toBeGreaterThan(5);
    for (const centre of body.centres) {
      const a = centre.availability;
      expect(['some', 'none', 'phone_only', 'unknown']).toContain(a.status);
      expect(['fresh', 'stale', 'unknown']).toContain(a.freshness);
      if (a.valid_at) {
        expect(a.freshness).toBe('fresh');
        expect(a.age_s).toBeGreaterThanOrEqual(0);
      }
    }
    expect(body.centres.some((c) => c.availability.status === 'some' && c.availability.slot_count > 0)).toBe(
      true,
    );
  });

  it('adds up the département totals from its centres', async () => {
    const body = await json<DepartementJson>('/api/v1/departements/75');
    const withSlots = body.centres.filter(
      (c) => c.availability.status === 'some' && c.availability.slot_count > 0,
    );
    expect(body.totals.centres).toBe(body.centres.length);
    expect(body.totals.centres_with_slots).toBe(withSlots.length);
    expect(body.totals.slots).toBe(withSlots.reduce((sum, c) => sum + c.availability.slot_count, 0));
  });

  // The poller keeps writing while these run: each answer is checked on its own, never against an
  // earlier one that may belong to another data version (tests/unit/api/centres.test.ts compares
  // answers on fixed states).
  it('filters on available, dose, vaccine and platform', async () => {
    const all = await json<{ centres: CentreJson[] }>('/api/v1/centres?departement=75&limit=100');
    const available = await json<{ centres: CentreJson[] }>(
      '/api/v1/centres?departement=75&available=true&limit=100',
    );
    expect(available.centres.length).toBeLessThanOrEqual(all.centres.length);
    expect(
      available.centres.every(
        (c) => c.availability.status === 'some' && (c.availability.slot_count ?? 0) > 0,
      ),
    ).toBe(true);

    const second = await json<{ centres: CentreJson[] }>(
      '/api/v1/centres?departement=75&dose=second&limit=100',
    );
    expect(second.centres.every((c) => (c.availability.per_dose?.second ?? 0) > 0)).toBe(true);

    const platform = await json<{ centres: CentreJson[] }>(
      '/api/v1/centres?departement=75&platform=doctolib&limit=100',
    );
    expect(platform.centres.length).toBeGreaterThan(0);
    expect(platform.centres.every((c) => c.booking.platform === 'doctolib')).toBe(true);

    const vaccines = new Set(all.centres.flatMap((c) => Object.keys(c.availability.per_vaccine ?? {})));
    const [vaccine] = vaccines;
    if (vaccine) {
      const byVaccine = await json<{ centres: CentreJson[] }>(
        `/api/v1/centres?departement=75&vaccine=${encodeURIComponent(vaccine.toLowerCase())}&limit=100`,
      );
      expect(byVaccine.centres.every((c) => (c.availability.per_vaccine?.[vaccine] ?? 0) > 0)).toBe(true);
    }
  });

  it('sorts by next slot on request, centres without a slot last', async () => {
    const body = await json<{ centres: CentreJson[] }>(
      '/api/v1/centres?departement=75&sort=next_slot&limit=100',
    );
    const times = body.centres.map((c) =>
      c.availability.status === 'some' && c.availability.slot_count > 0 && c.availability.next_slot
        ? Date.parse(c.availability.next_slot)
        : Number.POSITIVE_INFINITY,
    );
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('HTTP caching of shared answers', () => {
  it('sends Cache-Control with max-age, stale-while-revalidate and stale-if-error, and an ETag', async () => {
    const response = await get('/api/v1/departements/35');
    const cacheControl = response.headers.get('cache-control') ?? '';
    expect(cacheControl).toMatch(/public/);
    expect(cacheControl).toMatch(/max-age=\d+/);
    expect(cacheControl).toMatch(/stale-while-revalidate=\d+/);
    expect(cacheControl).toMatch(/stale-if-error=\d+/);
    expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
  });

  it('answers 304 without a body to a matching If-None-Match', async () => {
    // A poll landing between the two requests gives a new version and ETag: ask again until both
    // fall within one version (the handler's 304 on fixed data: tests/unit/api).
    let second = new Response('');
    for (let attempt = 0; attempt < 50 && second.status !== 304; attempt++) {
      const etag = (await get('/api/v1/departements/35')).headers.get('etag') ?? '';
      second = await get('/api/v1/departements/35', { headers: { 'if-none-match': etag } });
    }
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
    const other = await get('/api/v1/departements/35', { headers: { 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
  });
});

describe('the hot routes served ahead of Astro', () => {
  it('answer with the same security headers as the pages, and HEAD without a body', async () => {
    const page = await get('/');
    const centres = (await json<DepartementJson>('/api/v1/departements/75')).centres;
    const online = await json<{ centres: Array<{ id: string; booking_link: string | null }> }>(
      '/api/v1/centres?departement=75&limit=100',
    );
    const link = online.centres.find((c) => c.booking_link)?.booking_link;
    expect(centres.length).toBeGreaterThan(0);
    expect(link).toBeTruthy();
    const answers = [await get('/api/v1/departements/75'), await get(link ?? '', { redirect: 'manual' })];
    expect(answers[1]?.status).toBe(302);
    for (const answer of answers) {
      for (const header of ['content-security-policy', 'x-content-type-options', 'referrer-policy']) {
        expect(answer.headers.get(header)).toBe(page.headers.get(header));
      }
    }
    const head = await get('/api/v1/departements/75', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(100);
    expect(await head.text()).toBe('');
  });

  it('leave errors to the site: a bad code still gets the JSON error', async () => {
    const response = await get('/api/v1/departements/99');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });
});

describe('status and metrics', () => {
  it('/statut has one row per provider with its circuit state', async () => {
    const html = await (await get('/statut')).text();
    for (const provider of ['doctolib', 'maiia', 'keldoc', 'smart'])
      expect(html).toContain(`data-provider="${provider}"`);
    expect(html).toMatch(/data-breaker="closed"/);
  });

  it('/metrics exposes provider and centre gauges in Prometheus format', async () => {
    const response = await get('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/creneau_provider_breaker_state\{provider="doctolib",state="closed"\} 1/);
    expect(text).toMatch(/creneau_centres\{status="some",freshness="fresh"\} \d+/);
    expect(text).toMatch(/creneau_provider_rate_limit_per_minute\{provider="maiia"\} \d+/);
    expect(text).toMatch(/creneau_process_cpu_seconds_total/);
  });

  it('/healthz says who polls and how the cache is', async () => {
    const body = await json<{
      status: string;
      poller: { role: string };
      cache: { ok: boolean; driver: string };
    }>('/healthz');
    expect(body.status).toBe('ok');
    expect(body.poller.role).toBe('leader');
    expect(body.cache).toMatchObject({ ok: true, driver: 'memory' });
  });
});

describe('pages', () => {
  it('show slot counts and freshness on result cards', async () => {
    const html = await (await get('/recherche?departement=75')).text();
    expect(html).toMatch(/\d+ créneaux?/);
    expect(html).toMatch(/Vérifié (à l’instant|il y a \d+ min)/);
    expect(html).toContain('<live-refresh');
  });
});

describe('client bundles', () => {
  it('are served compressed with an immutable cache, and decompress to the built file', async () => {
    const html = await (await get('/recherche?commune=35238')).text();
    const scripts = [...html.matchAll(/src="(\/_astro\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const onDisk = readFileSync(path.join(repoRoot, 'dist/client', script), 'utf8');
      // Tiny bodies are left alone (issue 10, point 3): a few-line island is served as it is.
      const encodings = Buffer.byteLength(onDisk) >= MIN_COMPRESSIBLE_BYTES ? ['br', 'gzip'] : [];
      for (const encoding of encodings) {
        const response = await get(script, { headers: { 'accept-encoding': encoding } });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-encoding')).toBe(encoding);
        expect(response.headers.get('cache-control')).toMatch(/immutable/);
        expect(Number(response.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(onDisk));
        expect(await response.text()).toBe(onDisk);
      }
      const plain = await get(script, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe(onDisk);
    }
  });
});
