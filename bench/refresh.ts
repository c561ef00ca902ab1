import { pino } from 'pino';
import { z } from 'zod';
import { defaultFetch, type FetchLike } from '../src/adapters/context.ts';
import { memoryDriver } from '../src/cache/drivers/memory.ts';
import { getGazetteer } from '../src/places/gazetteer.ts';
import { createPoller, type PollSummary } from '../src/poller/poller.ts';
import { generateDemoRegistry } from '../src/registry/demo.ts';
import { SIM_PROVIDERS, type SimProvider, startSimulator } from '../src/simulator/index.ts';
import { describeMachine, machineLine } from './machine.ts';
import { fixed, progress, stamp, table, times, whole } from './report.ts';

const RefreshSettings = z.object({
  BENCH_CENTRES: z.coerce.number().int().positive().default(10_000),
  /** Requests per second allowed to each provider. */
  BENCH_RATE: z.coerce.number().int().positive().default(50),
  BENCH_CONCURRENCY: z.coerce.number().int().positive().max(64).default(8),
  BENCH_REFRESH_TIMEOUT_S: z.coerce.number().positive().default(900),
});

export interface RefreshBenchSettings {
  centres: number;
  rate: number;
  concurrency: number;
  timeoutS: number;
}

export function refreshSettings(env: NodeJS.ProcessEnv = process.env): RefreshBenchSettings {
  const parsed = RefreshSettings.parse(env);
  return {
    centres: parsed.BENCH_CENTRES,
    rate: parsed.BENCH_RATE,
    concurrency: parsed.BENCH_CONCURRENCY,
    timeoutS: parsed.BENCH_REFRESH_TIMEOUT_S,
  };
}

/** The fetch the poller's lanes call: counts what really goes out on the wire, per simulated provider. */
function countingFetch(urls: Record<SimProvider, string>) {
  const byHost = new Map(SIM_PROVIDERS.map((provider) => [new URL(urls[provider]).host, provider]));
  const counts = new Map<string, number>();
  const inner = defaultFetch();
  const fetch: FetchLike = (input, init) => {
    const host = new URL(input).host;
    const provider = byHost.get(host) ?? host;
    counts.set(provider, (counts.get(provider) ?? 0) + 1);
    return inner(input, init);
  };
  return { fetch, counts };
}

function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

const SMART_PUBLISH_EVERY_S = 86_400;

const mib = (bytes: number) => `${whole(bytes / 2 ** 20)} MiB`;

function withTimeout<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface ProviderRow {
  provider: string;
  centres: number;
  requests: number;
  boundS: number;
  doneS: number;
  unknown: number;
  errors: string;
}

/**
 * One full refresh of a large simulated registry by the real poller over real HTTP, against the floor
 * its rate limits set: each provider's lane runs on its own, so the whole refresh cannot end before
 * the busiest provider has sent its requests at its allowed rate.
 */
export async function benchRefresh(settings: RefreshBenchSettings, command: string): Promise<string> {
  const machine = describeMachine();
  const date = stamp();
  progress(`refresh: generating ${whole(settings.centres)} demo centres`);
  const registry = generateDemoRegistry(getGazetteer(), { count: settings.centres });
  const centres = registry.centres;
  const rssRegistry = process.memoryUsage.rss();
  // A SMART publisher serves static files; the simulator builds its whole feed (every published centre,
  // four weeks of slots) on the first request of each publication, blocking this process for seconds.
  // Published once a day and built before the clock starts, that cost stays out of the poller's time.
  const simulator = await startSimulator({
    centres,
    seed: 'bench',
    options: { smart: { publishEverySeconds: SMART_PUBLISH_EVERY_S } },
  });
  const feedStarted = performance.now();
  await fetch(`${simulator.urls.smart}/$bulk-publish`).then((response) => response.arrayBuffer());
  const feedS = (performance.now() - feedStarted) / 1000;
  const cache = memoryDriver({});
  const counting = countingFetch(simulator.urls);
  const { counts } = counting;
  const provider = (name: SimProvider) => ({
    base_url: simulator.urls[name],
    rate_limit: { requests: settings.rate, per_seconds: 1 },
    concurrency: settings.concurrency,
  });
  const poller = createPoller({
    centres,
    providers: Object.fromEntries(SIM_PROVIDERS.map((name) => [name, provider(name)])),
    cache,
    fetch: counting.fetch,
    logger: pino({ name: 'creneau-bench', level: 'warn' }, pino.destination(2)),
  });
  const rssBefore = process.memoryUsage.rss();
  let summary: PollSummary;
  let wallMs: number;
  let peakRss: number;
  try {
    progress(
      `refresh: polling ${whole(centres.length)} centres once, ${settings.rate} requests/s and ` +
        `${settings.concurrency} at a time per provider`,
    );
    const rss = rssSampler();
    const ticker = setInterval(() => {
      const sent = [...counts.entries()].map(([name, n]) => `${name} ${whole(n)}`).join(', ');
      progress(`refresh:   requests so far: ${sent}`);
    }, 10_000);
    const started = performance.now();
    try {
      summary = await withTimeout(poller.pollOnce(), settings.timeoutS, 'the refresh');
    } finally {
      clearInterval(ticker);
    }
    wallMs = performance.now() - started;
    peakRss = rss.stop();
  } finally {
    await poller.stop();
    await cache.close();
    await simulator.close();
  }

  const rows: ProviderRow[] = summary.providers.map((p) => {
    const requests = counts.get(p.provider) ?? 0;
    const errors = Object.entries(p.errors).map(([kind, n]) => `${kind} ${n}`);
    return {
      provider: p.provider,
      centres: p.centres,
      requests,
      boundS: requests / settings.rate,
      doneS: p.duration_ms / 1000,
      unknown: p.statuses.unknown,
      errors: errors.length > 0 ? errors.join(', ') : 'none',
    };
  });
  const busiest = rows.reduce((a, b) => (b.boundS > a.boundS ? b : a));
  const boundS = busiest.boundS;
  const wallS = wallMs / 1000;
  const ratio = wallS / boundS;
  const totalRequests = rows.reduce((n, r) => n + r.requests, 0);
  // p-queue counts its rate in fixed windows and the first window starts full: N requests need
  // (ceil(N / cap) - 1) whole windows before the last batch may go.
  const windowedS = Math.max(0, Math.ceil(busiest.requests / settings.rate) - 1);

  return [
    `## Refresh: ${whole(centres.length)} simulated centres against the rate-limit floor`,
    '',
    `Command: \`${command}\` · ${date}  `,
    `Machine: ${machineLine(machine)}.`,
    '',
    `The demo registry generated with \`count: ${centres.length}\` (its provider mix: 35 % Doctolib, ` +
      '20 % Maiia, 20 % Keldoc, 5 % other platforms, 20 % phone-only or no online booking), served by the ' +
      'provider simulator over HTTP on 127.0.0.1, polled once by the real poller (`pollOnce()`, the ' +
      `memory cache driver) with every provider limited to ${settings.rate} requests per second and ` +
      `${settings.concurrency} requests at a time. Requests are counted in the \`fetch\` handed to the ` +
      'poller, so retries and the SMART feed discovery count too. The simulator runs in the same process; ' +
      `it built its SMART feed (published once for the run) in ${fixed(feedS)} s before the clock started.`,
    '',
    table(
      [
        'provider',
        'centres',
        'requests',
        'requests per centre',
        'floor at the rate limit',
        'done after',
        'unknown',
        'errors',
      ],
      rows.map((r) => [
        r.provider,
        whole(r.centres),
        whole(r.requests),
        r.centres > 0 ? fixed(r.requests / r.centres, 2) : '-',
        r.requests > 0 ? `${fixed(r.boundS)} s` : '-',
        `${fixed(r.doneS)} s`,
        whole(r.unknown),
        r.errors,
      ]),
    ),
    '',
    `- The refresh took **${fixed(wallS)} s** for ${whole(totalRequests)} requests. The floor the rate limits ` +
      `allow is ${fixed(boundS)} s: ${busiest.provider}'s ${whole(busiest.requests)} requests at ` +
      `${settings.rate} per second, the other providers being polled at the same time in lanes of their own.`,
    `- Time over floor: **${fixed(ratio, 2)}**, so the refresh took ${
      ratio >= 1.05 ? `${times(ratio)} the floor` : 'the floor, to within 5 %'
    }. p-queue's fixed one-second windows let the first window's requests go at once, so the exact floor ` +
      `for ${busiest.provider} is ${windowedS} s plus the last requests' latency; a ratio a little under 1 is possible.`,
    `- Resident memory of the bench process: ${mib(rssRegistry)} with the gazetteer and the generated ` +
      `registry, ${mib(rssBefore)} once the simulator had started and built its SMART feed, and ` +
      `**${mib(peakRss)}** at the peak of the refresh (poller, memory cache and simulator for ` +
      `${whole(centres.length)} centres, in one process).`,
    '',
  ].join('\n');
}
