import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from './temp-dir.ts';

/** Debian's nginx (`.ci/run` installs it). */
export const NGINX_PATH = '/usr/sbin/nginx';

export interface RunningNginx {
  url: string;
  /** The folder nginx runs in: its config, logs, temp paths and whatever the config puts there. */
  dir: string;
  stop(): Promise<void>;
}

/** A loopback port free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs nginx in the foreground with `http` as the body of its `http { }` block (an operator's
 * `conf.d/*.conf`), from a temp folder of its own: nothing of the system's nginx is read or touched.
 * `http` may use `{{dir}}` for that folder. Resolves once `probe` (a path) answers.
 */
export async function startNginx(
  http: (dir: string) => string,
  port: number,
  probe = '/',
): Promise<RunningNginx> {
  const dir = tempDir('creneau-nginx-');
  // Run as root, the workers are `nobody`: they must be able to write the cache and temp folders.
  chmodSync(dir, 0o777);
  for (const sub of ['tmp', 'cache']) {
    mkdirSync(path.join(dir, sub));
    chmodSync(path.join(dir, sub), 0o777);
  }
  const errorLog = path.join(dir, 'error.log');
  const config = [
    'daemon off;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${errorLog} warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${dir}/tmp/body;`,
    `  proxy_temp_path ${dir}/tmp/proxy;`,
    `  fastcgi_temp_path ${dir}/tmp/fastcgi;`,
    `  uwsgi_temp_path ${dir}/tmp/uwsgi;`,
    `  scgi_temp_path ${dir}/tmp/scgi;`,
    http(dir),
    '}',
    '',
  ].join('\n');
  const configFile = path.join(dir, 'nginx.conf');
  writeFileSync(configFile, config);
  const child: ChildProcess = spawn(NGINX_PATH, ['-p', dir, '-e', errorLog, '-c', configFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      // SIGQUIT: graceful shutdown of the master and its workers.
      child.kill('SIGQUIT');
    });
  // Up to 50 attempts 100 ms apart: nginx starts in a few milliseconds, or exits with an error.
  for (let attempt = 0; attempt < 50 && child.exitCode === null; attempt++) {
    try {
      await fetch(`${url}${probe}`, { signal: AbortSignal.timeout(2000) });
      return { url, dir, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '';
  throw new Error(`nginx did not start (exit ${child.exitCode}):\n${stderr}\n${log}`);
}
