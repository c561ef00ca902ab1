import { request } from 'undici';
import { z } from 'zod';
import { SECURITY_HEADER_NAMES } from '../src/shared/security-headers.ts';
import { startCreneau, waitForFirstPolls } from './creneau.ts';
import { type LoadResult, measure } from './load.ts';
import { describeMachine, machineLine } from './machine.ts';
import { type FixedRedirect, type NginxServer, nginxVersion, type StaticFile, startNginx } from './nginx.ts';
import { fixed, progress, stamp, table, whole } from './report.ts';

const PeakSettings = z.object({
  BENCH_PEAK_DURATION_S: z.coerce.number().positive().max(600).default(3),
  BENCH_PEAK_WARMUP_S: z.coerce.number().min(0).max(60).default(1),
  BENCH_PEAK_ROUNDS: z.coerce.number().int().min(1).max(9).default(3),
});

export interface PeakSettings {
  durationS: number;
  warmupS: number;
  rounds: number;
  connections: readonly number[];
}

export function peakSettings(env: NodeJS.ProcessEnv = process.env): PeakSettings {
  const parsed = PeakSettings.parse(env);
  return {
    durationS: parsed.BENCH_PEAK_DURATION_S,
    warmupS: parsed.BENCH_PEAK_WARMUP_S,
    rounds: parsed.BENCH_PEAK_ROUNDS,
    connections: [50, 500],
  };
}

/** What a browser sends: both servers answer it with the same compressed bytes. */
export const BROWSER_HEADERS = { 'accept-encoding': 'br, gzip' } as const;

/** Headers nginx repeats from Créneau's answer, so both send the same thing. */
/** Every header of the answer nginx repeats, security headers included: the same bytes, not a lighter head. */
const COPIED = [
  'cache-control',
  'vary',
  'etag',
  'content-encoding',
  'access-control-allow-origin',
  ...SECURITY_HEADER_NAMES,
];
const copiedHeaders = (headers: Headers): Record<string, string> =>
  Object.fromEntries(COPIED.flatMap((name) => (headers.has(name) ? [[name, headers.get(name) ?? '']] : [])));

interface Route {
  label: string;
  path: string;
  /** Where nginx serves the same answer (a file or a fixed redirect). */
  nginxPath: string;
  status: number;
  bytes: number;
  encoding: string;
}

interface Captured {
  routes: Route[];
  files: StaticFile[];
  redirects: FixedRedirect[];
}

/** The peak's routes, each fetched once from Créneau as a browser would, to serve the same bytes from nginx. */
async function capture(url: string): Promise<Captured> {
  const departement = await waitForFirstPolls(url, '35');
  const centre = departement.centres.find((c) => c.booking_link !== null);
  if (!centre?.booking_link) throw new Error('no centre of département 35 has a booking link');
  const paths = [
    ['/', '/'],
    ['/recherche?commune=35238', '/recherche?commune=35238'],
    ['/recherche?departement=75', '/recherche?departement=75'],
    ['/centres/{id}', `/centres/${encodeURIComponent(centre.id)}`],
    ['/communes/35238', '/communes/35238'],
    ['/api/v1/centres?lat=&lon=&radius_km=30', '/api/v1/centres?lat=48.1113&lon=-1.68&radius_km=30'],
    ['/api/v1/departements/35', '/api/v1/departements/35'],
  ] as const;
  const routes: Route[] = [];
  const files: StaticFile[] = [];
  for (const [index, [label, path]] of paths.entries()) {
    // Twice: the second answer is the warm one (memo filled), the one every later visitor gets.
    await fetch(`${url}${path}`, { headers: BROWSER_HEADERS });
    const response = await fetch(`${url}${path}`, { headers: BROWSER_HEADERS });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    // fetch decodes the body: the raw bytes are asked again without decoding.
    const raw = await rawBody(`${url}${path}`);
    const headers = copiedHeaders(response.headers);
    const nginxPath = `/peak-${index}`;
    files.push({
      urlPath: nginxPath,
      body: raw,
      contentType: response.headers.get('content-type') ?? 'text/html',
      headers,
    });
    routes.push({
      label,
      path,
      nginxPath,
      status: 200,
      bytes: raw.byteLength,
      encoding: headers['content-encoding'] ?? 'identity',
    });
  }
  const go = await fetch(`${url}${centre.booking_link}`, { redirect: 'manual' });
  const location = go.headers.get('location');
  if (go.status !== 302 || !location) throw new Error(`${centre.booking_link} answered ${go.status}`);
  routes.push({
    label: '/go/{id}',
    path: centre.booking_link,
    nginxPath: centre.booking_link,
    status: 302,
    bytes: 0,
    encoding: 'identity',
  });
  return {
    routes,
    files,
    redirects: [{ prefix: '/go/', location, headers: copiedHeaders(go.headers) }],
  };
}

/** The body exactly as sent for a browser's Accept-Encoding (undici's fetch would decompress it). */
async function rawBody(url: string): Promise<Uint8Array> {
  const response = await request(url, { headers: BROWSER_HEADERS });
  return new Uint8Array(await response.body.arrayBuffer());
}

interface Sample {
  route: Route;
  server: 'Créneau' | 'nginx';
  connections: number;
  round: number;
  result: LoadResult;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

function problems(samples: readonly Sample[], expected: number): string {
  const unexpected = samples.reduce(
    (sum, s) =>
      sum +
      Object.entries(s.result.statusCounts)
        .filter(([status]) => Number(status) !== expected)
        .reduce((n, [, count]) => n + count, 0),
    0,
  );
  const errors = samples.reduce((sum, s) => sum + s.result.errors, 0);
  const timeouts = samples.reduce((sum, s) => sum + s.result.timeouts, 0);
  const parts = [
    ...(unexpected > 0 ? [`${whole(unexpected)} other statuses`] : []),
    ...(errors > 0 ? [`${whole(errors)} errors (${whole(timeouts)} timeouts)`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : `all ${expected}`;
}

/**
 * The routes people land on at an opening-day peak, Créneau beside nginx serving the bytes
 * Créneau sent (same compression, same headers), interleaved: each round runs every route at every
 * connection count on both servers, alternating which goes first, so a busy moment of the shared
 * machine hits both. Medians over the rounds.
 */
export async function benchPeak(settings: PeakSettings, command: string): Promise<string> {
  const nginxAt = nginxVersion();
  const machine = describeMachine();
  const date = stamp();
  progress('peak: starting Créneau (builds first if the sources changed)');
  const creneau = await startCreneau();
  let nginx: NginxServer | undefined;
  const samples: Sample[] = [];
  let routes: Route[] = [];
  try {
    progress('peak: waiting for the first polls of département 35, then capturing the answers');
    const captured = await capture(creneau.url);
    routes = captured.routes;
    nginx = await startNginx({ files: captured.files, redirects: captured.redirects });
    for (let round = 1; round <= settings.rounds; round++) {
      for (const route of routes) {
        for (const connections of settings.connections) {
          const order = [
            ['Créneau', `${creneau.url}${route.path}`],
            ['nginx', `${nginx.url}${route.nginxPath}`],
          ] as const;
          for (const [server, url] of round % 2 === 1 ? order : [...order].reverse()) {
            const result = await measure(url, {
              connections,
              durationS: settings.durationS,
              warmupS: settings.warmupS,
              headers: BROWSER_HEADERS,
            });
            progress(
              `peak: round ${round} ${route.label} ${server} ${connections} conns: ` +
                `${whole(result.requestsPerSecond)} req/s, p99 ${result.latency.p99} ms`,
            );
            samples.push({ route, server, connections, round, result });
          }
        }
      }
    }
  } finally {
    await nginx?.stop();
    await creneau.stop();
  }

  const rows = routes.flatMap((route) =>
    settings.connections.map((connections) => {
      const of = (server: Sample['server']) =>
        samples.filter((s) => s.route === route && s.connections === connections && s.server === server);
      const mine = of('Créneau');
      const theirs = of('nginx');
      const rate = (list: Sample[]) => median(list.map((s) => s.result.requestsPerSecond));
      const p99 = (list: Sample[]) => median(list.map((s) => s.result.latency.p99));
      const ratio = rate(theirs) > 0 ? rate(mine) / rate(theirs) : 0;
      return [
        `\`${route.label}\``,
        String(connections),
        whole(rate(mine)),
        whole(rate(theirs)),
        `**${fixed(ratio, 2)}×**`,
        fixed(p99(mine), 0),
        fixed(p99(theirs), 0),
        problems(mine, route.status),
      ];
    }),
  );

  return [
    '## Peak: the landing routes next to nginx serving the same bytes',
    '',
    `Command: \`${command}\` · ${date}  `,
    `Machine: ${machineLine(machine)}.`,
    '',
    `${settings.rounds} rounds; in each, every route at ${settings.connections.join(' and ')} keep-alive ` +
      `connections on Créneau and on nginx ${nginxAt}, one after the other (the order alternating by round), ` +
      `each run ${settings.durationS} s after a ${settings.warmupS} s warm-up, with \`Accept-Encoding: br, gzip\`. ` +
      'Figures are the medians over the rounds; the ratio is Créneau ÷ nginx requests per second. ' +
      'nginx serves, from files, the exact bytes Créneau sent for that request with the same headers ' +
      '(`Content-Encoding`, `Cache-Control`, `Vary`, `ETag`, CORS and the security headers), and `/go/` as a ' +
      'fixed `return 302` to the same URL with the same headers (nginx adds its small HTML body to a 302). ' +
      "A `return` is nginx's cheapest answer, no file opened, while Créneau looks the centre's link up " +
      'as for any other route. Créneau is ' +
      '`node src/server/start.ts` on the demo registry with its poller and embedded simulator running; ' +
      "autocannon runs in the bench process on the same 2 CPUs, so at nginx's rates it is often the " +
      'bottleneck (nginx figures are a floor). Set `BENCH_PEAK_DURATION_S`, `BENCH_PEAK_WARMUP_S`, ' +
      '`BENCH_PEAK_ROUNDS` for longer runs.',
    '',
    table(
      [
        'route',
        'connections',
        'Créneau req/s',
        'nginx req/s',
        'ratio',
        'Créneau p99 ms',
        'nginx p99 ms',
        'Créneau answers',
      ],
      rows,
    ),
    '',
    'Bytes sent per answer: ' +
      routes
        .filter((route) => route.bytes > 0)
        .map((route) => `\`${route.label}\` ${whole(route.bytes)} B (${route.encoding})`)
        .join(', ') +
      '.',
  ].join('\n');
}
