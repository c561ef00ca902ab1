import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { z } from 'zod';
import { getGazetteer } from '../src/places/gazetteer.ts';
import { generateDemoRegistry } from '../src/registry/demo.ts';
import { describeMachine, machineLine } from './machine.ts';
import { freePort } from './ports.ts';
import { fixed, progress, stamp, table, whole } from './report.ts';

const here = path.resolve(fileURLToPath(import.meta.url), '..');
const repoRoot = path.resolve(here, '..');

const MemorySettings = z.object({
  BENCH_MEMORY_CENTRES: z
    .string()
    .default('1,400,10000,100000')
    .transform((text) => text.split(',').map((n) => Number(n.trim())))
    .pipe(z.array(z.int().positive().max(200_000)).min(1)),
  /** Another checkout (the code before a change), measured the same way as "before". */
  BENCH_BASELINE: z.string().optional(),
  /** Seconds the poller polls before the instance is measured at rest. */
  BENCH_MEMORY_FILL_S: z.coerce.number().min(0).max(600).default(20),
  BENCH_MEMORY_REST_S: z.coerce.number().min(1).max(120).default(5),
  /** Seconds the web instance, restarted on its saved cache at the default poll rate, runs before it is read. */
  BENCH_MEMORY_SETTLE_S: z.coerce.number().min(1).max(300).default(30),
  BENCH_DURATION_S: z.coerce.number().positive().max(600).default(10),
  BENCH_MEMORY_START_TIMEOUT_S: z.coerce.number().positive().max(1800).default(240),
  /** A process resident beyond this is stopped and reported as such: the machine is shared. */
  BENCH_MEMORY_CAP_MIB: z.coerce.number().positive().default(4096),
});

export interface MemoryBenchSettings {
  centres: readonly number[];
  baseline: string | null;
  fillS: number;
  restS: number;
  settleS: number;
  durationS: number;
  startTimeoutS: number;
  capBytes: number;
  connections: number;
  /** Requests per second and in flight allowed to each provider: the poller fills the view quickly. */
  rate: number;
  concurrency: number;
}

export function memorySettings(env: NodeJS.ProcessEnv = process.env): MemoryBenchSettings {
  const parsed = MemorySettings.parse(env);
  return {
    centres: parsed.BENCH_MEMORY_CENTRES,
    baseline: parsed.BENCH_BASELINE ? path.resolve(parsed.BENCH_BASELINE) : null,
    fillS: parsed.BENCH_MEMORY_FILL_S,
    restS: parsed.BENCH_MEMORY_REST_S,
    settleS: parsed.BENCH_MEMORY_SETTLE_S,
    durationS: parsed.BENCH_DURATION_S,
    startTimeoutS: parsed.BENCH_MEMORY_START_TIMEOUT_S,
    capBytes: parsed.BENCH_MEMORY_CAP_MIB * 2 ** 20,
    connections: 50,
    rate: 1000,
    concurrency: 16,
  };
}

/** Resident and peak resident memory of a process, from the kernel (`VmRSS`, `VmHWM`), in bytes. */
export function readProcMemory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${name}`);
    return Number(match[1]) * 1024;
  };
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

interface Child {
  process: ChildProcess;
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

/** Spawns `node <script>` and resolves with what `ready` finds in its output (stdout and stderr). */
function spawnNode<T>(
  script: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutS: number },
  ready: (output: string) => T | null,
): Promise<{ child: Child; found: T }> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const handle: Child = {
    process: child,
    pid: child.pid ?? -1,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${options.timeoutS} s:\n${output.slice(-2000)}`));
    }, options.timeoutS * 1000);
    const check = (chunk: Buffer) => {
      // Keep the head (where the start-up lines are) and a bounded tail.
      output = output.length < 200_000 ? output + chunk.toString() : output;
      const found = ready(output);
      if (found !== null) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stderr?.removeAllListeners('data');
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child: handle, found });
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

interface Peaks {
  /** VmRSS at rest, after polling and before the HTTP run. */
  rest: number;
  /** VmHWM at the end: the most the process ever held resident, start-up included. */
  peak: number;
  /** The simulator's VmRSS once listening, its registry loaded, before the web instance starts. */
  ready?: number;
}

interface Measured {
  checkout: 'before' | 'after';
  centres: number;
  simulator: Peaks | { failed: string };
  web:
    | (Peaks & {
        halfway: number;
        end: number;
        responses: number;
        non2xx: number;
        communes: number;
        /** Keys in the web instance's memory cache at rest: about one per centre polled so far. */
        keysAtRest: number | null;
        /**
         * VmRSS of the web instance started again on the cache it saved, polling at the default rate
         * (no visitors): what an instance holds between two peaks. Null when that start failed.
         */
        settled: number | null;
        settledKeys: number | null;
      })
    | {
        failed: string;
      };
}

/** The URLs the HTTP run cycles through: every commune once (in a fixed shuffled order) before any twice. */
function visitorUrls(centreIds: readonly string[]): { urls: string[]; communes: number } {
  const gazetteer = getGazetteer();
  const communes = [...gazetteer.communes];
  let state = 9_301;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  for (let i = communes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [communes[i], communes[j]] = [
      communes[j] as (typeof communes)[number],
      communes[i] as (typeof communes)[number],
    ];
  }
  const departements = gazetteer.departements().map((d) => d.code);
  const urls: string[] = [];
  communes.forEach((commune, i) => {
    urls.push(`/api/v1/centres?commune=${commune.insee}&radius_km=20`);
    if (i % 4 === 0) urls.push(`/recherche?commune=${commune.insee}&rayon=20`);
    if (i % 8 === 0) urls.push(`/communes/${commune.insee}`);
    if (i % 4 === 1) urls.push(`/api/v1/places?q=${encodeURIComponent(commune.name.slice(0, 4))}`);
    if (i % 16 === 2) urls.push(`/api/v1/departements/${departements[i % departements.length]}`);
    if (i % 8 === 3 && centreIds.length > 0) urls.push(`/centres/${centreIds[i % centreIds.length]}`);
  });
  return { urls, communes: communes.length };
}

async function httpRun(
  url: string,
  urls: readonly string[],
  settings: MemoryBenchSettings,
  sample: () => number,
): Promise<{ halfway: number; end: number; responses: number; non2xx: number; requested: number }> {
  let next = 0;
  let halfway = 0;
  const half = setTimeout(
    () => {
      halfway = sample();
    },
    (settings.durationS * 1000) / 2,
  );
  const result = await autocannon({
    url,
    connections: settings.connections,
    duration: settings.durationS,
    timeout: 20,
    requests: [
      {
        setupRequest: (request) => {
          request.path = urls[next % urls.length] ?? '/';
          next++;
          return request;
        },
      },
    ],
  });
  clearTimeout(half);
  return {
    halfway,
    end: sample(),
    responses: result.requests.total,
    non2xx: result.non2xx,
    requested: next,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the memory cache holds, as `/healthz` says ("12345 keys in memory"). */
async function cacheKeys(url: string): Promise<number | null> {
  try {
    const text = await (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) })).text();
    const match = /(\d+) keys in memory/.exec(text);
    return match?.[1] ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** One checkout at one size: the simulator and the web instance in two processes, each measured apart. */
async function measureCheckout(
  checkout: 'before' | 'after',
  root: string,
  registryFile: string,
  centres: number,
  centreIds: readonly string[],
  settings: MemoryBenchSettings,
): Promise<Measured> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const key of Object.keys(env)) if (key.startsWith('CRENEAU_')) delete env[key];
  const work = path.join(here, '.tmp', `memory-${checkout}-${centres}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  let simulator: Child | undefined;
  let web: Child | undefined;
  const over: string[] = [];
  const watchdog = setInterval(() => {
    for (const [name, child] of [
      ['simulator', simulator],
      ['web instance', web],
    ] as const) {
      if (!child || child.process.exitCode !== null || child.process.signalCode !== null) continue;
      try {
        if (readProcMemory(child.pid).rss > settings.capBytes) {
          over.push(name);
          child.process.kill('SIGKILL');
        }
      } catch {}
    }
  }, 200);
  const measured: Measured = {
    checkout,
    centres,
    simulator: { failed: 'not started' },
    web: { failed: 'not started' },
  };
  try {
    progress(`memory: ${checkout}, ${whole(centres)} centres: starting the simulator`);
    const started = await spawnNode(
      path.join(root, 'src/simulator/main.ts'),
      ['--registry', registryFile, '--seed', 'bench', '--host', '127.0.0.1'],
      { cwd: root, env, timeoutS: settings.startTimeoutS },
      (output) => {
        if (!/^Faults:/m.test(output)) return null;
        return Object.fromEntries(
          [...output.matchAll(/^(CRENEAU_[A-Z]+_BASE_URL)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
        ) as Record<string, string>;
      },
    );
    simulator = started.child;
    const simulatorReady = readProcMemory(simulator.pid).rss;
    const providerVars: Record<string, string> = {};
    const baseUrls: Record<string, string> = {};
    for (const [name, value] of Object.entries(started.found)) {
      const provider = /^CRENEAU_([A-Z]+)_BASE_URL$/.exec(name)?.[1];
      if (!provider) continue;
      providerVars[name] = value;
      baseUrls[name] = value;
      providerVars[`CRENEAU_${provider}_RATE_LIMIT`] = `${settings.rate}/s`;
      providerVars[`CRENEAU_${provider}_CONCURRENCY`] = String(settings.concurrency);
    }
    const dataDir = path.join(work, 'data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'registry.json'), readFileSync(registryFile));
    const config = path.join(work, 'creneau.config.json');
    writeFileSync(config, JSON.stringify({ poller: { initial_spread_s: 1 } }));
    const port = await freePort();
    const startWeb = (pollVars: Record<string, string>) =>
      spawnNode(
        path.join(root, 'src/server/start.ts'),
        [],
        {
          cwd: root,
          env: {
            ...env,
            ...pollVars,
            CRENEAU_SIMULATOR: 'off',
            // Off the embedded demo, the start requires it (issue 13, point 4); a checkout before ignores it.
            CRENEAU_PUBLIC_URL: `http://127.0.0.1:${port}`,
            CRENEAU_DATA_DIR: dataDir,
            CRENEAU_CONFIG: config,
            CRENEAU_LOG_LEVEL: 'info',
            PORT: String(port),
            HOST: '127.0.0.1',
          },
          timeoutS: settings.startTimeoutS,
        },
        (output) => (/"url":"http:\/\/[^"]+"/.test(output) ? `http://127.0.0.1:${port}` : null),
      );
    progress(`memory: ${checkout}, ${whole(centres)} centres: starting the web instance`);
    const serving = await startWeb(providerVars);
    web = serving.child;
    progress(`memory: ${checkout}, ${whole(centres)} centres: polling for ${settings.fillS} s, then at rest`);
    await sleep(settings.fillS * 1000);
    await sleep(settings.restS * 1000);
    const webRest = readProcMemory(web.pid).rss;
    const simulatorRest = readProcMemory(simulator.pid).rss;
    const keysAtRest = await cacheKeys(serving.found);
    const { urls, communes } = visitorUrls(centreIds);
    progress(`memory: ${checkout}, ${whole(centres)} centres: HTTP run of ${settings.durationS} s`);
    const webPid = web.pid;
    const run = await httpRun(serving.found, urls, settings, () => readProcMemory(webPid).rss);
    const webEnd = readProcMemory(web.pid);
    const simulatorEnd = readProcMemory(simulator.pid);
    measured.simulator = { rest: simulatorRest, peak: simulatorEnd.hwm, ready: simulatorReady };
    const distinct = Math.min(communes, Math.ceil(run.requested / (urls.length / communes)));
    // Between two peaks: the same instance started again on the cache it saved when stopped, polling
    // at the default rate of each provider (the bench's fast rate above is there to fill it quickly).
    await web.stop();
    let settled: number | null = null;
    let settledKeys: number | null = null;
    try {
      progress(
        `memory: ${checkout}, ${whole(centres)} centres: restarted at the default poll rate for ${settings.settleS} s`,
      );
      const again = await startWeb(baseUrls);
      web = again.child;
      await sleep(settings.settleS * 1000);
      settled = readProcMemory(web.pid).rss;
      settledKeys = await cacheKeys(again.found);
    } catch (error) {
      progress(
        `memory: ${checkout}, ${whole(centres)} centres: the restart failed: ${String(error).split('\n')[0]}`,
      );
    }
    measured.web = {
      rest: webRest,
      peak: webEnd.hwm,
      halfway: run.halfway,
      end: run.end,
      responses: run.responses,
      non2xx: run.non2xx,
      communes: distinct,
      keysAtRest,
      settled,
      settledKeys,
    };
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
    progress(`memory: ${checkout}, ${whole(centres)} centres failed: ${reason}`);
    if (simulator && 'failed' in measured.simulator) {
      try {
        const m = readProcMemory(simulator.pid);
        measured.simulator = { rest: m.rss, peak: m.hwm };
      } catch {}
    }
    if ('failed' in measured.web) measured.web = { failed: reason };
  } finally {
    clearInterval(watchdog);
    const cap = `more than ${mib(settings.capBytes)} resident: stopped`;
    if (over.includes('simulator')) measured.simulator = { failed: cap };
    if (over.includes('web instance')) measured.web = { failed: cap };
    await web?.stop();
    await simulator?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return measured;
}

const mib = (bytes: number) => `${whole(bytes / 2 ** 20)} MiB`;

function cell(peaks: Peaks | { failed: string }, pick: 'rest' | 'peak'): string {
  if (!('failed' in peaks)) return mib(peaks[pick]);
  return peaks.failed.startsWith('more than') ? peaks.failed.replace(': stopped', ' (stopped)') : 'failed';
}

function ratio(
  before: Peaks | { failed: string } | undefined,
  after: Peaks | { failed: string },
  pick: 'rest' | 'peak',
) {
  if (!before || 'failed' in before || 'failed' in after) return '-';
  return `${fixed(after[pick] / before[pick], 2)}`;
}

/**
 * Resident memory of the web instance and of the provider simulator, each in its own process, at
 * rest after polling and at their peak once visitors have searched the communes of France.
 */
export async function benchMemory(settings: MemoryBenchSettings, command: string): Promise<string> {
  const machine = describeMachine();
  const date = stamp();
  const tmp = path.join(here, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const results: Measured[] = [];
  try {
    for (const centres of settings.centres) {
      progress(`memory: generating ${whole(centres)} demo centres`);
      const registry = generateDemoRegistry(getGazetteer(), { count: centres });
      const registryFile = path.join(tmp, `memory-registry-${centres}.json`);
      writeFileSync(registryFile, JSON.stringify(registry));
      const ids = registry.centres.map((c) => c.id);
      if (settings.baseline)
        results.push(
          await measureCheckout('before', settings.baseline, registryFile, centres, ids, settings),
        );
      results.push(await measureCheckout('after', repoRoot, registryFile, centres, ids, settings));
      rmSync(registryFile, { force: true });
    }
  } finally {
    for (const centres of settings.centres)
      rmSync(path.join(tmp, `memory-registry-${centres}.json`), { force: true });
  }

  const find = (checkout: 'before' | 'after', centres: number) =>
    results.find((r) => r.checkout === checkout && r.centres === centres);
  const rows: string[][] = [];
  for (const centres of settings.centres) {
    const after = find('after', centres);
    if (!after) continue;
    const before = find('before', centres);
    for (const [label, pick] of [
      ['web instance', 'web'],
      ['simulator', 'simulator'],
    ] as const) {
      const a = after[pick];
      const b = before?.[pick];
      rows.push([
        whole(centres),
        label,
        b ? cell(b, 'rest') : '-',
        cell(a, 'rest'),
        ratio(b, a, 'rest'),
        b ? cell(b, 'peak') : '-',
        cell(a, 'peak'),
        ratio(b, a, 'peak'),
      ]);
    }
  }
  const flat = results
    .filter((r) => !('failed' in r.web))
    .map((r) => {
      const web = r.web as Exclude<Measured['web'], { failed: string }>;
      return [
        r.checkout,
        whole(r.centres),
        web.keysAtRest === null ? '-' : whole(web.keysAtRest),
        whole(web.communes),
        whole(web.responses),
        whole(web.non2xx),
        mib(web.halfway),
        mib(web.end),
      ];
    });
  const settledOf = (measured: Measured | undefined) =>
    measured && !('failed' in measured.web) ? measured.web : null;
  const settledRows = settings.centres.map((centres) => {
    const before = settledOf(find('before', centres));
    const after = settledOf(find('after', centres));
    const keys = (web: ReturnType<typeof settledOf>) =>
      web?.settledKeys === null || web?.settledKeys === undefined ? '-' : whole(web.settledKeys);
    return [
      whole(centres),
      before?.settled ? mib(before.settled) : '-',
      after?.settled ? mib(after.settled) : '-',
      before?.settled && after?.settled ? fixed(after.settled / before.settled, 2) : '-',
      keys(before),
      keys(after),
    ];
  });
  const readyRows = settings.centres.map((centres) => {
    const readyOf = (measured: Measured | undefined) =>
      measured && !('failed' in measured.simulator) && measured.simulator.ready !== undefined
        ? measured.simulator.ready
        : null;
    const before = readyOf(find('before', centres));
    const after = readyOf(find('after', centres));
    return [
      whole(centres),
      before === null ? '-' : mib(before),
      after === null ? '-' : mib(after),
      before === null || after === null ? '-' : fixed(after / before, 2),
    ];
  });
  const baselineNote = settings.baseline
    ? `"Before" is the checkout at \`${settings.baseline}\` (\`BENCH_BASELINE\`), measured by this same run ` +
      'with the same registry, the same commands and the same load; "after" is this checkout. Ratios are after ÷ before.'
    : 'Only this checkout was measured (set `BENCH_BASELINE` to a checkout of the code before a change to add it).';

  return [
    '## Memory: the web instance and the simulator, each in its own process',
    '',
    `Command: \`${command}\` · ${date}  `,
    `Machine: ${machineLine(machine)}.`,
    '',
    'For each size, the demo registry generated with that `count` is written as an imported registry and ' +
      'served by two processes started one after the other: the provider simulator ' +
      '(`node src/simulator/main.ts --registry <file> --seed bench`) and the web instance ' +
      '(`node src/server/start.ts`, what `npm start` runs) with `CRENEAU_SIMULATOR=off` and every ' +
      `provider's \`CRENEAU_<P>_BASE_URL\` pointed at that simulator, polled at up to ${whole(settings.rate)} ` +
      `requests per second and ${settings.concurrency} at a time per provider, first polls spread over 1 s. ` +
      `After ${settings.fillS} s of polling and ${settings.restS} s more, each process's \`VmRSS\` ` +
      `(\`/proc/<pid>/status\`) is read: **at rest**. Then ${settings.durationS} s of ` +
      `[autocannon](https://github.com/mcollina/autocannon) with ${settings.connections} connections on ` +
      '127.0.0.1 walk the communes of France in a fixed shuffled order, each commune once before any twice ' +
      '(`/api/v1/centres?commune=…`, and for a share of them `/recherche?commune=…`, `/communes/…`, ' +
      '`/api/v1/places?q=…`, `/api/v1/departements/…`, `/centres/…`), while the poller keeps polling; ' +
      "each process's `VmHWM` at the end is its **peak**: the most it ever held resident, start-up included. " +
      'MiB are 2²⁰ bytes.',
    '',
    baselineNote,
    '',
    table(
      [
        'centres',
        'process',
        'at rest before',
        'at rest after',
        'ratio',
        'peak before',
        'peak after',
        'ratio',
      ],
      rows,
    ),
    '',
    'Between two peaks: after the HTTP run the web instance is stopped (it saves its cache), started ' +
      `again on that cache with each provider's default poll rate (5 requests a second, 2 at a time), ` +
      `and its \`VmRSS\` read ${settings.settleS} s later, with no visitors. The bench's fast poll rate above ` +
      'fills the cache in seconds but keeps V8 collecting the objects of a thousand polls a second; this is ' +
      'what an instance holds on an ordinary day. The one-centre registry is the floor: the code, the ' +
      "gazetteer of France and Node's own, whatever the registry's size.",
    '',
    table(
      [
        'centres',
        'restarted, at rest before',
        'restarted, at rest after',
        'ratio',
        'cache keys before',
        'cache keys after',
      ],
      settledRows,
    ),
    '',
    "The simulator's `VmRSS` as soon as it listens (its registry read and its providers built, before " +
      'the web instance starts polling it):',
    '',
    table(['centres', 'simulator ready before', 'simulator ready after', 'ratio'], readyRows),
    '',
    'How far the poller had got at rest (the keys of its memory cache, from `/healthz`: about one per centre ' +
      "polled), and whether memory stays flat as more communes are searched: the web instance's `VmRSS` " +
      'halfway through the HTTP run and at its end.',
    '',
    table(
      [
        'checkout',
        'centres',
        'cache keys at rest',
        'communes searched',
        'responses',
        'not 2xx',
        'RSS halfway',
        'RSS at the end',
      ],
      flat,
    ),
    '',
    ...results.flatMap((r) => [
      ...('failed' in r.simulator
        ? [`- ${r.checkout}, ${whole(r.centres)} centres, simulator: ${r.simulator.failed}.`]
        : []),
      ...('failed' in r.web
        ? [`- ${r.checkout}, ${whole(r.centres)} centres, web instance: ${r.web.failed}.`]
        : []),
    ]),
    '',
  ].join('\n');
}
