import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { repoRoot, TEST_SERVER_LOAD_SETTINGS } from './server.ts';
import { tempDir } from './temp-dir.ts';

export interface NpmStart {
  /** The `npm` process; with `detached`, it leads a process group holding the shell and the server. */
  npm: ChildProcess;
  dataDir: string;
  /** From the "serving" log line: the address the kernel bound, and a URL reaching it. */
  address: string;
  url: string;
  port: number;
  output(): string;
  /** Resolves once no process of the group is left (none orphaned, none still holding the port). */
  gone(deadlineMs?: number): Promise<void>;
  /** SIGKILL to the whole group: the clean-up of a test that failed before stopping it. */
  kill(): void;
}

/** `npm start` exactly as an operator types it, in its own process group, on a free port. */
export async function npmStart(env: NodeJS.ProcessEnv = {}): Promise<NpmStart> {
  const dataDir = tempDir('creneau-npm-start-');
  const npm = spawn('npm', ['start'], {
    cwd: repoRoot,
    detached: true,
    env: {
      ...process.env,
      ...TEST_SERVER_LOAD_SETTINGS,
      PORT: '0',
      HOST: '127.0.0.1',
      CRENEAU_DATA_DIR: dataDir,
      CRENEAU_LOG_LEVEL: 'info',
      npm_config_update_notifier: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const group = npm.pid;
  if (group === undefined) throw new Error('npm did not start');
  // Whatever the test does, nothing of this group survives the test run; once it is seen gone, its
  // number may belong to someone else's group, which is never signalled.
  let seenGone = false;
  const killGroup = () => {
    if (seenGone) return;
    try {
      process.kill(-group, 'SIGKILL');
    } catch {}
  };
  process.once('exit', killGroup);
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  npm.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const serving = await new Promise<{ address: string; url: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not serve in time:\n${output}`)), 180_000);
    const look = () => {
      const line = output.split('\n').find((l) => l.includes('"msg":"Créneau is serving'));
      if (!line) return;
      clearTimeout(timer);
      npm.stdout?.off('data', look);
      resolve(JSON.parse(line) as { address: string; url: string });
    };
    npm.stdout?.on('data', look);
    npm.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  const port = Number(serving.address.split(':').at(-1));
  return {
    npm,
    dataDir,
    address: serving.address,
    url: serving.url,
    port,
    output: () => output,
    async gone(deadlineMs = 60_000) {
      const until = Date.now() + deadlineMs;
      while (groupAlive(group)) {
        if (Date.now() > until) {
          killGroup();
          throw new Error(
            `processes of npm start still running ${deadlineMs / 1000} s after the signal:\n${output}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      seenGone = true;
      process.off('exit', killGroup);
    },
    kill: killGroup,
  };
}

function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
