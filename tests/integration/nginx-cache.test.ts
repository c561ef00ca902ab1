import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getGazetteer } from '../../src/places/gazetteer.ts';
import { generateDemoRegistry } from '../../src/registry/demo.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { freePort, NGINX_PATH, type RunningNginx, startNginx } from '../support/nginx.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, repoRoot, startServer, tempDataDir } from '../support/server.ts';

/** The configuration docs/DEPLOY.md gives operators: its fenced `nginx` block, as written there. */
const documented = (() => {
  const doc = readFileSync(path.join(repoRoot, 'docs/DEPLOY.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/DEPLOY.md has no ```nginx block');
  return block;
})();

/** The documented config with this test's ports and cache folder in place of the documented ones. */
function deployed(originA: string, originB: string, port: number, dir: string): string {
  const replacements: Array<[string, string]> = [
    ['127.0.0.1:4321', new URL(originA).host],
    ['127.0.0.1:4322', new URL(originB).host],
    ['/var/cache/nginx/creneau', `${dir}/cache`],
    ['listen 80;', `listen 127.0.0.1:${port};`],
  ];
  let config = documented;
  for (const [from, to] of replacements) {
    expect(config, `docs/DEPLOY.md names ${from}`).toContain(from);
    config = config.replace(from, to);
  }
  return config;
}

let simulator: Simulator;
let origins: RunningServer[] = [];
let nginx: RunningNginx;

beforeAll(async () => {
  simulator = await startSimulator({ centres: generateDemoRegistry(getGazetteer()).centres });
  const start = () => {
    const dataDir = tempDataDir('creneau-nginx-origin-');
    const config = path.join(dataDir, 'creneau.config.json');
    // A short poll interval: answers are fresh for a few seconds, so the cache has stale ones soon.
    writeFileSync(
      config,
      JSON.stringify({
        // Doctolib at the simulator this test controls (the outage); the others at the embedded one.
        providers: { doctolib: { base_url: simulator.urls.doctolib } },
        poller: {
          initial_spread_s: 1,
          intervals: { active_s: 20, quiet_s: 20, dormant_s: 20 },
          retry: { attempts: 1 },
        },
      }),
    );
    return startServer({ dataDir, env: { ...OPERATOR_PUBLIC_URL, CRENEAU_CONFIG: config } });
  };
  origins = await Promise.all([start(), start()]);
  const port = await freePort();
  const [a, b] = origins;
  nginx = await startNginx((dir) => deployed(a?.url ?? '', b?.url ?? '', port, dir), port, '/healthz');
}, 300_000);
afterAll(async () => {
  await nginx?.stop();
  await Promise.all(origins.map((origin) => origin.stop()));
  await simulator?.close();
});

const viaProxy = (route: string) =>
  fetch(`${nginx.url}${route}`, { redirect: 'manual', headers: { 'accept-encoding': 'gzip, br' } });

/** Retries `probe` once a second until it gives a value, at most `seconds` times. */
async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  seconds: number,
  lastSeen: () => string = () => '',
): Promise<T> {
  for (let attempt = 0; attempt < seconds; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${what}: not within ${seconds} attempts${lastSeen() ? `; last seen: ${lastSeen()}` : ''}`);
}

/** Bodies compared by digest: a failure names the route, not 30 KB of HTML. */
const digest = (body: string) => createHash('sha256').update(body).digest('hex');

let pages: string[] = [];
const served = new Map<string, string>();

describe('two instances behind nginx as a caching reverse proxy (docs/DEPLOY.md)', () => {
  it('is Debian’s nginx, with the documented config keeping entries for at least an hour', () => {
    expect(existsSync(NGINX_PATH)).toBe(true);
    const inactive = /inactive=(\d+)([smhd])/.exec(documented);
    const seconds = Number(inactive?.[1]) * ({ s: 1, m: 60, h: 3600, d: 86_400 }[inactive?.[2] ?? 's'] ?? 1);
    expect(seconds).toBeGreaterThanOrEqual(3600);
    expect(documented).toMatch(/proxy_cache_use_stale[^;]*\berror\b[^;]*\btimeout\b[^;]*\bhttp_502\b/);
  });

  it('caches pages and API answers the instances mark as shareable', async () => {
    // Asked again while a busy start-up sheds (503): the instances' own answer, not the proxy's.
    const centres = await until(
      'a centre of département 35',
      async () => {
        const response = await fetch(`${origins[0]?.url}/api/v1/centres?departement=35&limit=2`);
        if (!response.ok) return undefined;
        return ((await response.json()) as { centres: Array<{ id: string }> }).centres;
      },
      30,
    );
    pages = [
      '/',
      '/recherche?commune=35238&rayon=20',
      '/recherche?departement=75',
      `/centres/${centres[0]?.id}`,
      '/communes/35238',
      '/api/v1/centres?commune=35238',
      '/api/v1/departements/35',
      '/api/v1/markers?commune=35238&rayon=20',
    ];
    for (const route of pages) {
      const first = await viaProxy(route);
      expect(first.status, route).toBe(200);
      served.set(route, digest(await first.text()));
      const second = await viaProxy(route);
      expect(second.status, route).toBe(200);
      expect(second.headers.get('x-cache-status'), route).toBe('HIT');
      expect(digest(await second.text()), route).toBe(served.get(route));
    }
  });

  it('turns a provider outage into no error page, cached or not', async () => {
    const health = (await (await fetch(`${origins[0]?.url}/healthz`)).json()) as {
      poller: { simulated: string[] };
    };
    expect(health.poller.simulated).not.toContain('doctolib');
    type Row = {
      id: string;
      availability: {
        freshness: string;
        provider: string | null;
        failing_since: string | null;
        error_kind: string | null;
      };
    };
    // A failed poll is what a centre's availability says it is: failing since…, with the kind of error.
    const failing = (c: Row) => c.availability.failing_since !== null || c.availability.error_kind !== null;
    const rows = async () => {
      const all: Row[] = [];
      for (const code of ['35', '75', '13', '69', '33', '59']) {
        const response = await fetch(`${origins[0]?.url}/api/v1/centres?departement=${code}&limit=100`);
        all.push(...((await response.json()) as { centres: Row[] }).centres);
      }
      return all;
    };
    // Doctolib centres polled fine before the outage, then one a poll failed for: it says so. (Not
    // necessarily the same centre: once the breaker opens, the others are not asked until it closes.)
    const doctolib = (c: Row) => c.availability.provider === 'doctolib';
    await until(
      'Doctolib centres polled fine',
      async () => {
        const all = (await rows()).filter(doctolib);
        return all.some((c) => c.availability.freshness === 'fresh') && all.every((c) => !failing(c))
          ? true
          : undefined;
      },
      90,
    );
    await simulator.faults.set('doctolib', { down: { minutes: 60, mode: '503' } });
    // The pollers see the outage: a centre says a poll failed, or, when the first failure was for a
    // centre outside these départements, /statut shows Doctolib's breaker open or its Retry-After pause
    // (the simulator's 503 asks for an hour: no Doctolib centre is asked again before then).
    // (Astro adds its scoped-style attribute to the row: any attributes after the provider's.)
    const doctolibRow = /<tr data-provider="doctolib"[^>]*>[\s\S]*?<\/tr>/;
    let lastRow = '';
    const statutSeesOutage = async () => {
      const row = doctolibRow.exec(await (await fetch(`${origins[0]?.url}/statut`)).text())?.[0] ?? '';
      lastRow = row || '(no Doctolib row on /statut)';
      return /data-paused-until="[^"]+"/.test(row) || /data-breaker="(open|half_open)"/.test(row);
    };
    await until(
      'a poll failing against the outage',
      async () =>
        (await rows()).some((c) => doctolib(c) && failing(c)) || (await statutSeesOutage())
          ? true
          : undefined,
      120,
      // What the instance said last, so a failure in CI says why (the row of /statut, the poller's view).
      () => lastRow.replace(/\s+/g, ' '),
    );
    const { centres } = (await (
      await fetch(`${origins[1]?.url}/api/v1/centres?departement=22&limit=2`)
    ).json()) as {
      centres: Array<{ id: string }>;
    };
    for (const route of [
      ...pages,
      `/centres/${centres[0]?.id}`,
      '/recherche?commune=35238&rayon=30',
      '/communes/22278',
    ]) {
      const response = await viaProxy(route);
      expect(response.status, route).toBe(200);
    }
  }, 260_000);

  it('keeps serving what it has with both instances stopped, after it expired too', async () => {
    await Promise.all(origins.map((origin) => origin.stop()));
    // What the cache holds now (refreshed while the origins were up): served as is from here on.
    const held = new Map<string, string>();
    for (const route of pages) {
      const response = await viaProxy(route);
      expect(response.status, route).toBe(200);
      expect(['HIT', 'STALE', 'UPDATING'], route).toContain(response.headers.get('x-cache-status'));
      held.set(route, digest(await response.text()));
    }
    // Once its max-age (seconds at this poll interval) has passed, an entry is served stale (a results
    // page: the prerendered home page is fresh for a minute whatever the poll interval).
    const home = await until(
      'a results page served stale',
      async () => {
        const response = await viaProxy('/recherche?commune=35238&rayon=20');
        return response.headers.get('x-cache-status') === 'STALE' ? response : undefined;
      },
      60,
    );
    expect(home.status).toBe(200);
    for (const route of pages) {
      const response = await viaProxy(route);
      expect(response.status, route).toBe(200);
      expect(digest(await response.text()), route).toBe(held.get(route));
    }
  }, 120_000);
});
