import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { listening, type NpmStart, npmStart } from '../support/npm-start.ts';
import { statusLine } from '../support/raw-http.ts';

/**
 * `npm start` as an operator runs it: through npm, which runs `sh -c "node src/server/start.ts"`.
 * Stopped by a signal to npm or to its whole process group, it must leave no process holding the
 * port and write its cache snapshot. Deadlines are generous: a clean stop takes about a second.
 */

const STOP_DEADLINE_MS = 60_000;

function expectSnapshot(dataDir: string): void {
  const file = path.join(dataDir, 'cache-snapshot.json');
  expect(existsSync(file), `${file} after the stop`).toBe(true);
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { saved_at?: string };
  expect(Date.parse(snapshot.saved_at ?? '')).not.toBeNaN();
}

/** The node process of an `npm start` group running the server, with its command line and environment. */
function serverProcessOf(group: number): { cmdline: string[]; environ: string[] } {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // Field 5 of /proc/<pid>/stat is the process group; the command name (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== group) continue;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      // The node process, not npm's `sh -c "node src/server/start.ts"` around it.
      if (path.basename(cmdline[0] ?? '') !== 'node') continue;
      if (!cmdline.some((arg) => arg.endsWith('src/server/start.ts'))) continue;
      return { cmdline, environ: readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0') };
    } catch {
      // A process that ended meanwhile.
    }
  }
  throw new Error(`no process of group ${group} runs src/server/start.ts`);
}

/** Sockets listening on 127.0.0.1:`port`, from the kernel's table (state 0A is LISTEN). */
function listeningSockets(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1] === `0100007F:${hexPort}` && fields[3] === '0A').length;
}

const phrase = (status: number) => `HTTP/1.1 ${status} ${STATUS_CODES[status]}`;

describe('npm start, stopped by SIGTERM sent to npm', () => {
  let started: NpmStart;
  beforeAll(async () => {
    started = await npmStart();
  }, 240_000);
  afterAll(() => started?.kill());

  it('logs the address it really listens on: HOST, and the port the kernel chose for PORT=0', () => {
    expect(started.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(started.port).toBeGreaterThan(0);
    expect(started.url).toBe(`http://127.0.0.1:${started.port}`);
  });

  it('runs the server with its V8 flag and two malloc arenas, listening on 32 sockets of its port', () => {
    const server = serverProcessOf(started.npm.pid ?? -1);
    expect(server.cmdline).toContain('--max-semi-space-size=4');
    expect(server.environ).toContain('MALLOC_ARENA_MAX=2');
    expect(listeningSockets(started.port)).toBe(32);
  });

  it('answers each status with its own reason phrase, on Astro pages, the fast routes and assets', async () => {
    const get = (p: string, headers: Record<string, string> = {}) => statusLine(started.url, p, { headers });
    expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
    const home = await (await fetch(started.url)).text();
    const asset = /\/_astro\/[^"]+\.js/.exec(home)?.[0];
    if (!asset) throw new Error('the home page references no client bundle');
    const assetTag = (await fetch(`${started.url}${asset}`)).headers.get('etag') ?? '';
    const list = (await (await fetch(`${started.url}/api/v1/departements/35`)).json()) as {
      centres: Array<{ id: string; booking_link: string | null }>;
    };
    const bookable = list.centres.find((c) => c.booking_link)?.id;
    // The poller moves the data version (and the list's ETag) every second or so: ask again until
    // the conditional request lands within one version.
    const notModified = async (): Promise<string> => {
      let line = '';
      for (let attempt = 0; attempt < 50 && !line.includes(' 304 '); attempt++) {
        const tag = (await fetch(`${started.url}/api/v1/departements/35`)).headers.get('etag') ?? '';
        line = await get('/api/v1/departements/35', { 'If-None-Match': tag });
      }
      return line;
    };

    expect(await get('/')).toBe(phrase(200));
    expect(await get('/page-qui-n-existe-pas')).toBe(phrase(404));
    // An Astro page setting only Astro.response.status: it used to say "404 OK".
    expect(await get('/go/centre-inconnu')).toBe(phrase(404));
    expect(await get(`/go/${bookable}`)).toBe(phrase(302));
    expect(await get('/api/v1/departements/35')).toBe(phrase(200));
    expect(await notModified()).toBe(phrase(304));
    expect(await get('/api/v1/departements/99')).toBe(phrase(400));
    expect(await get('/api/v1/centres/centre-inconnu')).toBe(phrase(404));
    expect(await get(asset)).toBe(phrase(200));
    expect(await get(asset, { 'If-None-Match': assetTag })).toBe(phrase(304));
    expect(await get('/_astro/absent.js')).toBe(phrase(404));
    expect(await statusLine(started.url, '/api/v1/places', { method: 'OPTIONS' })).toBe(phrase(204));
  });

  it('stops: no process left in its group, the port free, the cache snapshot written', async () => {
    started.npm.kill('SIGTERM');
    await started.gone(STOP_DEADLINE_MS);
    expect(await listening(started.port)).toBe(false);
    expectSnapshot(started.dataDir);
    expect(started.output()).toContain('"signal":"SIGTERM","msg":"stopping"');
    expect(started.output()).not.toContain('second signal');
  }, 120_000);
});

describe('npm start, stopped by SIGINT sent to its process group (Ctrl-C)', () => {
  it('stops once, cleanly: no process left, the port free, the cache snapshot written', async () => {
    const started = await npmStart();
    onTestFinished(() => started.kill());
    expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
    process.kill(-(started.npm.pid ?? 0), 'SIGINT');
    await started.gone(STOP_DEADLINE_MS);
    expect(await listening(started.port)).toBe(false);
    expectSnapshot(started.dataDir);
    expect(started.output()).toContain('"signal":"SIGINT","msg":"stopping"');
    // npm passes the signal on too: the server must not take it for a second, impatient one.
    expect(started.output()).not.toContain('second signal');
  }, 300_000);
});
