import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { publicUrlProblem } from '../../src/config/public-url-required.ts';
import { ensureBuild } from '../../src/server/ensure-build.ts';
import {
  type RunningServer,
  repoRoot,
  startServer,
  TEST_SERVER_LOAD_SETTINGS,
  tempDataDir,
} from '../support/server.ts';

// Issue 13, point 4: Host is never trusted for links, so off the embedded demo CRENEAU_PUBLIC_URL
// (or an allow-list, CRENEAU_ALLOWED_HOSTS) is required: the real start refuses without either.

const FIXTURE = path.join(repoRoot, 'tests/fixtures/site/hostile-names.csv');
const MESSAGE =
  /^creneau: CRENEAU_PUBLIC_URL is required off the embedded demo \(this instance serves an imported registry\): .*CRENEAU_ALLOWED_HOSTS\n$/;

/** A data directory holding a registry imported by the operator (`creneau import`). */
function importedDataDir(): string {
  const dataDir = tempDataDir('creneau-public-url-');
  execFileSync(process.execPath, [path.join(repoRoot, 'bin/creneau.js'), 'import', FIXTURE], {
    env: { ...process.env, CRENEAU_DATA_DIR: dataDir },
    stdio: 'pipe',
  });
  return dataDir;
}

/** `node src/server/start.ts` as `npm start` runs it, with nothing of this process's CRENEAU_* set. */
function runStart(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  ensureBuild(repoRoot);
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('CRENEAU_')),
  );
  const child = spawn(process.execPath, [path.join(repoRoot, 'src/server/start.ts')], {
    cwd: repoRoot,
    env: {
      ...inherited,
      ...TEST_SERVER_LOAD_SETTINGS,
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      CRENEAU_DATA_DIR: dataDir,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    // A start that serves instead of refusing is stopped after its first log line (the test then fails on code).
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Créneau is serving')) child.kill('SIGKILL');
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('the start off the embedded demo', () => {
  let server: RunningServer | undefined;
  afterAll(async () => server?.stop());

  it('refuses an imported registry without CRENEAU_PUBLIC_URL or CRENEAU_ALLOWED_HOSTS, in one line', async () => {
    const run = await runStart(importedDataDir(), { CRENEAU_POLLER: 'off' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(MESSAGE);
  }, 300_000);

  it('serves the imported registry, links on CRENEAU_PUBLIC_URL, once it is set', async () => {
    server = await startServer({
      dataDir: importedDataDir(),
      env: { CRENEAU_POLLER: 'off', CRENEAU_PUBLIC_URL: 'https://creneau.example' },
    });
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { registry?: { kind?: string } };
    expect(JSON.stringify(health)).toContain('official');
    const csv = await (await fetch(`${server.url}/communes/35238.csv`)).text();
    expect(csv).toContain('https://creneau.example/');
    expect(csv).not.toContain(server.url);
  }, 300_000);
});

describe('what counts as the embedded default', () => {
  const demo = async (env: NodeJS.ProcessEnv = {}) => ({
    registryKind: 'demo' as const,
    // No config file there: the defaults, with the environment's provider variables applied.
    config: await loadConfig({ env, cwd: tempDataDir() }),
  });

  it('is the demo with every provider on the embedded simulator: nothing to set', async () => {
    expect(publicUrlProblem(await demo(), {})).toBeNull();
  });

  it('is left by a provider base URL or CRENEAU_SIMULATOR=off, each named', async () => {
    const real = { CRENEAU_DOCTOLIB_BASE_URL: 'https://partners.doctolib.fr' };
    expect(publicUrlProblem(await demo(real), real)).toContain('configured provider base URL (doctolib)');
    expect(publicUrlProblem(await demo(), { CRENEAU_SIMULATOR: 'off' })).toContain('CRENEAU_SIMULATOR=off');
  });

  it('is satisfied by either variable', async () => {
    const facts = { ...(await demo()), registryKind: 'official' as const };
    expect(publicUrlProblem(facts, {})).toContain('CRENEAU_ALLOWED_HOSTS');
    expect(publicUrlProblem(facts, { CRENEAU_PUBLIC_URL: 'https://creneau.example' })).toBeNull();
    expect(publicUrlProblem(facts, { CRENEAU_ALLOWED_HOSTS: 'creneau.example' })).toBeNull();
    expect(publicUrlProblem(facts, { CRENEAU_PUBLIC_URL: '  ' })).not.toBeNull();
  });
});
