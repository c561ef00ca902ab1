import { z } from 'zod';
import { startCreneau, waitForFirstPolls } from './creneau.ts';
import { type LoadResult, measure } from './load.ts';
import { describeMachine, machineLine } from './machine.ts';
import { type NginxServer, nginxVersion, startNginx } from './nginx.ts';
import { fixed, progress, stamp, table, times, whole } from './report.ts';

const HttpSettings = z.object({
  BENCH_DURATION_S: z.coerce.number().positive().max(600).default(10),
  BENCH_WARMUP_S: z.coerce.number().min(0).max(60).default(2),
});

export interface HttpBenchSettings {
  durationS: number;
  warmupS: number;
  connections: readonly number[];
  departement: string;
}

export function httpSettings(env: NodeJS.ProcessEnv = process.env): HttpBenchSettings {
  const parsed = HttpSettings.parse(env);
  return {
    durationS: parsed.BENCH_DURATION_S,
    warmupS: parsed.BENCH_WARMUP_S,
    connections: [50, 500],
    departement: '35',
  };
}

interface Endpoint {
  label: string;
  creneauPath: string;
  nginxPath: string;
  status: number;
  note: string;
}

interface Row {
  endpoint: Endpoint;
  server: 'Créneau' | 'nginx';
  result: LoadResult;
}

/** What both servers will send, taken from Créneau once it has polled the département. */
async function capture(url: string, code: string) {
  const departement = await waitForFirstPolls(url, code);
  const response = await fetch(`${url}/api/v1/departements/${code}`);
  const body = new Uint8Array(await response.arrayBuffer());
  const centre = departement.centres.find((c) => c.booking_link !== null);
  if (!centre?.booking_link) throw new Error(`no centre of département ${code} has a booking link`);
  const go = await fetch(`${url}${centre.booking_link}`, { redirect: 'manual' });
  const location = go.headers.get('location');
  if (go.status !== 302 || !location)
    throw new Error(`${centre.booking_link} answered ${go.status}, not a 302`);
  const pick = (headers: Headers, names: readonly string[]) =>
    Object.fromEntries(names.flatMap((name) => (headers.has(name) ? [[name, headers.get(name) ?? '']] : [])));
  return {
    centres: departement.centres.length,
    body,
    contentType: response.headers.get('content-type') ?? 'application/json',
    bodyHeaders: pick(response.headers, ['cache-control', 'vary', 'access-control-allow-origin']),
    goPath: centre.booking_link,
    location,
    goHeaders: pick(go.headers, ['cache-control']),
  };
}

/** The bench compares like with like only if nginx really sends the same body and the same redirect. */
async function checkSameAnswers(
  nginx: NginxServer,
  capture: { body: Uint8Array; goPath: string; location: string },
) {
  const body = new Uint8Array(await (await fetch(`${nginx.url}/dep35.json`)).arrayBuffer());
  if (Buffer.compare(body, capture.body) !== 0) throw new Error('nginx does not serve the same bytes');
  const go = await fetch(`${nginx.url}${capture.goPath}`, { redirect: 'manual' });
  if (go.status !== 302 || go.headers.get('location') !== capture.location)
    throw new Error(`nginx's redirect differs: ${go.status} ${go.headers.get('location')}`);
}

function statusText(result: LoadResult, expected: number): string {
  const others = Object.entries(result.statusCounts).filter(([status]) => Number(status) !== expected);
  const problems = [
    ...others.map(([status, count]) => `${whole(count)}× ${status}`),
    ...(result.errors > 0 ? [`${whole(result.errors)} errors (${whole(result.timeouts)} timeouts)`] : []),
  ];
  return problems.length > 0 ? problems.join(', ') : `all ${expected}`;
}

function endpointTable(endpoint: Endpoint, rows: readonly Row[]): string {
  return table(
    ['server', 'connections', 'requests/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'responses', 'answers'],
    rows
      .filter((row) => row.endpoint === endpoint)
      .map(({ server, result }) => [
        server,
        String(result.connections),
        whole(result.requestsPerSecond),
        fixed(result.latency.p50, 0),
        fixed(result.latency.p90, 0),
        fixed(result.latency.p99, 0),
        fixed(result.latency.max, 0),
        whole(result.responses),
        statusText(result, endpoint.status),
      ]),
  );
}

function inWords(endpoint: Endpoint, rows: readonly Row[], connections: readonly number[]): string {
  return connections
    .map((n) => {
      const mine = rows.find(
        (r) => r.endpoint === endpoint && r.result.connections === n && r.server === 'Créneau',
      );
      const theirs = rows.find(
        (r) => r.endpoint === endpoint && r.result.connections === n && r.server === 'nginx',
      );
      if (!mine || !theirs) return '';
      const a = mine.result;
      const b = theirs.result;
      const share = a.requestsPerSecond / b.requestsPerSecond;
      const comparison =
        share >= 1
          ? `${times(share)} nginx's rate`
          : `${fixed(share * 100, 0)} % of nginx's rate (nginx ${times(1 / share)} faster)`;
      return (
        `- At ${n} connections Créneau answered ${whole(a.requestsPerSecond)} requests per second and nginx ` +
        `${whole(b.requestsPerSecond)}: Créneau reached ${comparison}; median latency ${fixed(a.latency.p50, 0)} ms ` +
        `against ${fixed(b.latency.p50, 0)} ms, 99th percentile ${fixed(a.latency.p99, 0)} ms against ` +
        `${fixed(b.latency.p99, 0)} ms.`
      );
    })
    .filter(Boolean)
    .join('\n');
}

/**
 * Créneau and nginx under the same closed-loop load, one after the other in the same run: the
 * département page (pre-serialised bytes in Créneau, a file in nginx) and the booking redirect.
 */
export async function benchHttp(settings: HttpBenchSettings, command: string): Promise<string> {
  const nginxAt = nginxVersion();
  const machine = describeMachine();
  const date = stamp();
  progress('http: starting Créneau (builds first if the sources changed)');
  const creneau = await startCreneau();
  let nginx: NginxServer | undefined;
  const rows: Row[] = [];
  let captured: Awaited<ReturnType<typeof capture>>;
  let endpoints: Endpoint[];
  try {
    progress(
      `http: waiting until the poller has checked every centre of département ${settings.departement}`,
    );
    captured = await capture(creneau.url, settings.departement);
    nginx = await startNginx({
      files: [
        {
          urlPath: '/dep35.json',
          body: captured.body,
          contentType: captured.contentType,
          headers: captured.bodyHeaders,
        },
      ],
      redirects: [{ prefix: '/go/', location: captured.location, headers: captured.goHeaders }],
    });
    await checkSameAnswers(nginx, captured);
    endpoints = [
      {
        label: `GET /api/v1/departements/${settings.departement}`,
        creneauPath: `/api/v1/departements/${settings.departement}`,
        nginxPath: '/dep35.json',
        status: 200,
        note: `${captured.centres} centres, ${whole(captured.body.byteLength)} bytes of JSON`,
      },
      {
        label: 'GET /go/{id}',
        creneauPath: captured.goPath,
        nginxPath: captured.goPath,
        status: 302,
        note: `\`${captured.goPath}\`, answered by a 302 to the centre's booking URL (not followed)`,
      },
    ];
    for (const endpoint of endpoints) {
      for (const connections of settings.connections) {
        for (const [server, url] of [
          ['Créneau', `${creneau.url}${endpoint.creneauPath}`],
          ['nginx', `${nginx.url}${endpoint.nginxPath}`],
        ] as const) {
          progress(
            `http: ${endpoint.label} on ${server}, ${connections} connections, ` +
              `${settings.warmupS} s warm-up + ${settings.durationS} s`,
          );
          const result = await measure(url, {
            connections,
            durationS: settings.durationS,
            warmupS: settings.warmupS,
          });
          progress(`http:   ${whole(result.requestsPerSecond)} requests/s, p99 ${result.latency.p99} ms`);
          rows.push({ endpoint, server, result });
        }
      }
    }
  } finally {
    await nginx?.stop();
    await creneau.stop();
  }

  return [
    '## HTTP: Créneau next to nginx serving the same bytes',
    '',
    `Command: \`${command}\` · ${date}  `,
    `Machine: ${machineLine(machine)}.`,
    '',
    `Each row is one [autocannon](https://github.com/mcollina/autocannon) run of ${settings.durationS} s ` +
      `after a ${settings.warmupS} s warm-up, with that many keep-alive connections each sending its next ` +
      'request as soon as the last is answered, to 127.0.0.1. Créneau and nginx are measured one after the ' +
      'other in the same run.',
    '',
    '- **Créneau**: `node src/server/start.ts` (what `npm start` runs) on an empty data directory, so the ' +
      'demo registry, with its poller and embedded provider simulator running in the same process, and ' +
      'measured only once the poller had checked every centre of the département. One Node process, one ' +
      'thread serving.',
    `- **nginx** ${nginxAt} (Debian's, \`worker_processes auto\`, so one worker per CPU) on loopback, ` +
      'serving the département body Créneau had just sent, byte for byte, from a file with the same ' +
      'content type and caching headers, and answering `/go/` with a fixed `return 302` to the same URL. It ' +
      'shows what the machine allows for a static answer: the ceiling, not a target.',
    '- autocannon itself runs in the bench process (one thread) on the same CPUs: with nginx, the load ' +
      'generator is often the bottleneck, so nginx figures are a floor of what nginx could do.',
    '',
    ...endpoints.flatMap((endpoint) => [
      `### ${endpoint.label}`,
      '',
      `${endpoint.note}.`,
      '',
      endpointTable(endpoint, rows),
      '',
      inWords(endpoint, rows, settings.connections),
      '',
    ]),
  ].join('\n');
}
