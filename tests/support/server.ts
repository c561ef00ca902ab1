import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from '../../src/server/ensure-build.ts';
import { tempDir } from './temp-dir.ts';

export const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../..');

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * A fresh data directory for one test server (empty: the server then serves the demo registry),
 * removed when the test file ends.
 */
export function tempDataDir(prefix = 'creneau-test-'): string {
  return tempDir(prefix);
}

/**
 * A test server is asked about behaviour, not about overload: on a 2-core CI machine under
 * `stress-ng` the event loop can lag for seconds and a first render take longer than a visitor
 * would wait, which would turn pages into the (deliberate) 503 shed page. The overload tests set
 * their own values (tests/unit/responses, injected lag).
 */
export const TEST_SERVER_LOAD_SETTINGS: NodeJS.ProcessEnv = {
  CRENEAU_OVERLOAD_LAG_MS: '60000',
  CRENEAU_RENDER_TIMEOUT_MS: '600000',
  CRENEAU_RENDER_WAIT_BUDGET_MS: '600000',
};

/**
 * Starts the built server exactly as `npm start` does (`node src/server/start.ts`), on a free port,
 * and resolves once it has logged that it is serving.
 */
export async function startServer(
  options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningServer> {
  ensureBuild(repoRoot);
  const dataDir = options.dataDir ?? tempDataDir();
  // Started by a test, not by npm: under `npm test` the variable npm sets would make the server
  // follow its parent's exit as `npm start` does (src/server/stop-with-parent.ts).
  const { npm_lifecycle_event: _npmScript, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(repoRoot, 'src/server/start.ts')], {
    cwd: repoRoot,
    env: {
      ...inherited,
      ...TEST_SERVER_LOAD_SETTINGS,
      ...options.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CRENEAU_DATA_DIR: dataDir,
      CRENEAU_LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  // A server that dies under a test leaves only "connection refused" in the test's failure: its
  // own last words go to the test run's output, so the cause is in the CI log (a test that kills
  // it on purpose prints them too).
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(
      `test server ${url} exited before stop() (code ${code}, signal ${signal}); its last output:\n${output.slice(-4000)}\n`,
    );
  });
  return {
    url,
    dataDir,
    process: child,
    // A clean stop (SIGTERM: the server flushes its cache); one that hangs is killed after 15 s.
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
