import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { getGazetteer } from '../src/places/gazetteer.ts';
import { SHIPPED_LOAD_SETTINGS, startCreneau, waitForFirstPolls } from './creneau.ts';
import { measure } from './load.ts';
import { describeMachine, machineLine } from './machine.ts';
import { BROWSER_HEADERS } from './peak.ts';
import { fixed, progress, stamp, table, whole } from './report.ts';

const MixedSettings = z.object({
  BENCH_MIXED_DURATION_S: z.coerce.number().positive().max(600).default(20),
  BENCH_MIXED_CONNECTIONS: z.coerce.number().int().min(1).max(5000).default(500),
  BENCH_MIXED_SEED: z.coerce.number().int().default(20210114),
  BENCH_MIXED_WARMUP_S: z.coerce.number().min(0).max(60).default(5),
});

export interface MixedSettings {
  durationS: number;
  connections: number;
  seed: number;
  /**
   * A warm-up at the same connections before the clock starts (not counted): the measured run then
   * opens its connections to a server past its first renders. Without it, 500 connections opened at
   * the same instant as a cold server's first renders wait in the accept queue (a saturated event
   * loop takes in a few connections per turn) and autocannon counts those as timeouts.
   */
  warmupS: number;
}

export function mixedSettings(env: NodeJS.ProcessEnv = process.env): MixedSettings {
  const parsed = MixedSettings.parse(env);
  return {
    durationS: parsed.BENCH_MIXED_DURATION_S,
    connections: parsed.BENCH_MIXED_CONNECTIONS,
    seed: parsed.BENCH_MIXED_SEED,
    warmupS: parsed.BENCH_MIXED_WARMUP_S,
  };
}

/** mulberry32: a small seeded generator, so a run's sequence of requests is the same every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Index in [0, n) with a Zipf-like hot tail: the first items (the big towns) are asked for most. */
function zipf(random: () => number, n: number, exponent = 1.1): number {
  // Inverse transform of a continuous power law over [1, n + 1).
  const u = random();
  const a = 1 - exponent;
  const x = ((n + 1) ** a - 1) * u + 1;
  return Math.min(n - 1, Math.floor(x ** (1 / a)) - 1);
}

/** What people do on an opening morning, in shares of requests (sums to 1). */
export const OPENING_MORNING = [
  ['search by commune', 0.3],
  ['search by département', 0.08],
  ['centre page', 0.18],
  ['booking redirect', 0.16],
  ['commune sheet', 0.08],
  ['API around a point', 0.08],
  ['département API', 0.05],
  ['home page', 0.07],
] as const;
type Kind = (typeof OPENING_MORNING)[number][0];

/**
 * A seeded stream of request paths: communes by population (a hot tail: Paris, Marseille, Lyon…
 * most of all), centres and redirects among the département's, radii and pages as people pick them.
 */
export function openingMorning(
  seed: number,
  centres: { ids: readonly string[]; goPaths: readonly string[] },
): () => { kind: Kind; path: string } {
  const random = seededRandom(seed);
  const gazetteer = getGazetteer();
  const communes = gazetteer.communes
    .filter((commune) => !commune.arrondissementOf && commune.population > 0)
    .sort((a, b) => b.population - a.population)
    .slice(0, 5000);
  const departements = [...new Set(communes.map((commune) => commune.departement))];
  const radii = [10, 20, 20, 30, 50];
  const pick = <T>(list: readonly T[]): T => list[zipf(random, list.length)] as T;
  return () => {
    let roll = random();
    let kind: Kind = 'home page';
    for (const [name, share] of OPENING_MORNING) {
      if (roll < share) {
        kind = name;
        break;
      }
      roll -= share;
    }
    const commune = pick(communes);
    switch (kind) {
      case 'search by commune': {
        const page = random() < 0.1 ? '&page=2' : '';
        return {
          kind,
          path: `/recherche?commune=${commune.insee}&rayon=${radii[Math.floor(random() * radii.length)]}${page}`,
        };
      }
      case 'search by département':
        return { kind, path: `/recherche?departement=${pick(departements)}` };
      case 'centre page':
        return { kind, path: `/centres/${encodeURIComponent(pick(centres.ids))}` };
      case 'booking redirect':
        return { kind, path: pick(centres.goPaths) };
      case 'commune sheet':
        return { kind, path: `/communes/${commune.insee}` };
      case 'API around a point':
        return {
          kind,
          path: `/api/v1/centres?lat=${commune.location.lat.toFixed(4)}&lon=${commune.location.lon.toFixed(4)}&radius_km=30`,
        };
      case 'département API':
        return { kind, path: `/api/v1/departements/${pick(departements)}` };
      case 'home page':
        return { kind, path: '/' };
    }
  };
}

/** Resident memory of a process, from /proc (Linux), in MiB; null once it is gone. */
function rssMiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * The opening-morning mix at `connections` keep-alive connections against one Créneau instance:
 * throughput, latency, errors, deliberate sheds (503) and the server's resident memory.
 */
export async function benchMixed(settings: MixedSettings, command: string): Promise<string> {
  const machine = describeMachine();
  const date = stamp();
  progress('mixed: starting Créneau (builds first if the sources changed)');
  // The overload settings as shipped (shedding, render deadline), not the test servers' out-of-reach ones.
  const creneau = await startCreneau(SHIPPED_LOAD_SETTINGS);
  const pid = creneau.process.pid ?? -1;
  const rss: number[] = [];
  let result: Awaited<ReturnType<typeof measure>>;
  const counts = new Map<Kind, number>();
  let rssBefore: number | null = null;
  try {
    const departement = await waitForFirstPolls(creneau.url, '35');
    // Centre pages and redirects across the demo registry, not only département 35.
    const all = (await (
      await fetch(`${creneau.url}/api/v1/centres?lat=46.6&lon=2.4&radius_km=200&limit=100`)
    ).json()) as {
      centres: Array<{ id: string; booking_link: string | null }>;
    };
    const rows = [...departement.centres, ...all.centres];
    const centres = {
      ids: rows.map((c) => c.id),
      goPaths: rows.flatMap((c) => (c.booking_link ? [c.booking_link] : [])),
    };
    const next = openingMorning(settings.seed, centres);
    rssBefore = rssMiB(pid);
    const sampler = setInterval(() => {
      const now = rssMiB(pid);
      if (now !== null) rss.push(now);
    }, 500);
    progress(`mixed: ${settings.connections} connections for ${settings.durationS} s, seed ${settings.seed}`);
    try {
      result = await measure(creneau.url, {
        connections: settings.connections,
        durationS: settings.durationS,
        warmupS: settings.warmupS,
        headers: BROWSER_HEADERS,
        nextPath: () => {
          const { kind, path } = next();
          counts.set(kind, (counts.get(kind) ?? 0) + 1);
          return path;
        },
      });
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await creneau.stop();
  }

  const statuses = result.statusCounts;
  const count = (predicate: (status: number) => boolean) =>
    Object.entries(statuses)
      .filter(([status]) => predicate(Number(status)))
      .reduce((sum, [, n]) => sum + n, 0);
  const sheds = count((s) => s === 503);
  const serverErrors = count((s) => s >= 500 && s !== 503);
  const clientErrors = count((s) => s >= 400 && s < 500);
  const sent = [...counts.values()].reduce((a, b) => a + b, 0);
  const peakRss = rss.length > 0 ? Math.max(...rss) : null;

  return [
    '## Mixed traffic: an opening morning against one instance',
    '',
    `Command: \`${command}\` · ${date}  `,
    `Machine: ${machineLine(machine)}.`,
    '',
    `${whole(settings.connections)} keep-alive connections for ${settings.durationS} s (after a ${settings.warmupS} s ` +
      'warm-up at the same connections, not counted) against ' +
      '`node src/server/start.ts` (demo registry, poller and embedded simulator running), each connection ' +
      'sending its next request as soon as the last is answered, the paths drawn by the seeded generator of ' +
      `\`bench/mixed.ts\` (seed ${settings.seed}): communes by population with a hot tail (Zipf), ` +
      'searches with the radii people pick and some second pages, centre pages and booking redirects, ' +
      'commune sheets, the API, the home page. `Accept-Encoding: br, gzip` on every request. ' +
      'The overload settings are the defaults `npm start` runs with (docs/CONFIGURATION.md, "Serving"). ' +
      'Set `BENCH_MIXED_DURATION_S`, `BENCH_MIXED_CONNECTIONS`, `BENCH_MIXED_SEED`, `BENCH_MIXED_WARMUP_S`.',
    '',
    table(
      [
        'requests/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'responses',
        'timeouts',
        'errors',
        '5xx (not 503)',
        '503 sheds',
        '4xx',
        'server RSS MiB',
      ],
      [
        [
          whole(result.requestsPerSecond),
          fixed(result.latency.p50, 0),
          fixed(result.latency.p99, 0),
          fixed(result.latency.max, 0),
          whole(result.responses),
          whole(result.timeouts),
          whole(result.errors),
          whole(serverErrors),
          whole(sheds),
          whole(clientErrors),
          `${rssBefore === null ? '?' : whole(rssBefore)} before, ${peakRss === null ? '?' : whole(peakRss)} at most`,
        ],
      ],
    ),
    '',
    `The mix as sent (${whole(sent)} requests): ` +
      OPENING_MORNING.map(
        ([kind]) => `${kind} ${fixed((100 * (counts.get(kind) ?? 0)) / Math.max(1, sent), 0)} %`,
      ).join(', ') +
      '.',
  ].join('\n');
}
