import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports.ts';

/** Debian's nginx: the reference the benchmarks hold Créneau against. */
export const NGINX_PATH = '/usr/sbin/nginx';

export class MissingNginxError extends Error {
  override name = 'MissingNginxError';
}

/** nginx's version, or a clear error saying how to install it (only the benchmarks need it). */
export function nginxVersion(): string {
  if (!existsSync(NGINX_PATH))
    throw new MissingNginxError(
      `nginx is not installed (${NGINX_PATH} is missing): the HTTP benchmark compares Créneau with it. ` +
        'Install it with `apt-get install nginx-light`.',
    );
  // nginx prints its version on stderr.
  const { stderr } = spawnSync(NGINX_PATH, ['-v'], { encoding: 'utf8' });
  return /nginx\/(\S+)/.exec(stderr)?.[1] ?? 'unknown';
}

export interface StaticFile {
  /** Exact request path, e.g. `/dep35.json`. */
  urlPath: string;
  body: Uint8Array;
  contentType: string;
  headers: Readonly<Record<string, string>>;
}

export interface FixedRedirect {
  /** Every path under this prefix answers the same redirect. */
  prefix: string;
  location: string;
  headers: Readonly<Record<string, string>>;
}

export interface NginxServer {
  url: string;
  stop(): Promise<void>;
}

/** Values go into the config between quotes, where nginx would expand `$` and end on the quote. */
function quoted(value: string): string {
  if (/[$\\\n]/.test(value) || (value.includes('"') && value.includes("'")))
    throw new Error(`cannot put ${JSON.stringify(value)} in an nginx config`);
  // An ETag is itself quoted ("abc"): single quotes around it.
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

const addHeaders = (headers: Readonly<Record<string, string>>) =>
  Object.entries(headers).map(([name, value]) => `      add_header ${name} ${quoted(value)};`);

function config(
  dir: string,
  port: number,
  files: readonly StaticFile[],
  redirects: readonly FixedRedirect[],
) {
  const locations = [
    ...files.map((file) => [
      `    location = ${file.urlPath} {`,
      `      root ${dir}/www;`,
      `      types { }`,
      `      default_type ${quoted(file.contentType)};`,
      ...addHeaders(file.headers),
      '    }',
    ]),
    ...redirects.map((redirect) => [
      `    location ${redirect.prefix} {`,
      ...addHeaders(redirect.headers),
      `      return 302 ${quoted(redirect.location)};`,
      '    }',
    ]),
  ].flat();
  return [
    'daemon off;',
    'worker_processes auto;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${dir}/tmp/body;`,
    `  proxy_temp_path ${dir}/tmp/proxy;`,
    `  fastcgi_temp_path ${dir}/tmp/fastcgi;`,
    `  uwsgi_temp_path ${dir}/tmp/uwsgi;`,
    `  scgi_temp_path ${dir}/tmp/scgi;`,
    '  sendfile on;',
    '  tcp_nopush on;',
    // Node's server keeps a connection for any number of requests; nginx closes it after 1000 by default.
    '  keepalive_requests 1000000;',
    '  server {',
    `    listen 127.0.0.1:${port};`,
    ...locations,
    '    location / { return 404; }',
    '  }',
    '}',
    '',
  ].join('\n');
}

async function waitUntilServing(url: string, child: ChildProcess, errorLog: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '';
  throw new Error(`nginx did not start (exit code ${child.exitCode}):\n${log}`);
}

/**
 * Starts nginx in the foreground on a free loopback port, from a configuration, pid file, logs and
 * temp paths of its own in a temp directory (nothing of the system's nginx is used or touched).
 */
export async function startNginx(options: {
  files: readonly StaticFile[];
  redirects: readonly FixedRedirect[];
}): Promise<NginxServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'creneau-bench-nginx-'));
  // Run as root, nginx's workers drop to `nobody`, who must be able to read the files.
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, 'tmp'));
  mkdirSync(path.join(dir, 'www'), { mode: 0o755 });
  for (const file of options.files) {
    writeFileSync(path.join(dir, 'www', file.urlPath), file.body, { mode: 0o644 });
  }
  const port = await freePort();
  const configFile = path.join(dir, 'nginx.conf');
  writeFileSync(configFile, config(dir, port, options.files, options.redirects));
  const errorLog = path.join(dir, 'error.log');
  const child = spawn(NGINX_PATH, ['-p', dir, '-e', errorLog, '-c', configFile], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(`${url}/`, child, errorLog);
  } catch (error) {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        // SIGQUIT: graceful shutdown of the master and its workers.
        child.kill('SIGQUIT');
      }),
  };
}
