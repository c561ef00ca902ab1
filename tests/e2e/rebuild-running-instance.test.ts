import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILDS_DIR, rebuild } from '../../src/server/ensure-build.ts';
import { type RunningServer, repoRoot, startServer } from '../support/server.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 300_000);
afterAll(async () => {
  await server?.stop();
});

/** The build folder the instance serves from: the one it holds (`.instances/<pid>`, ensure-build.ts). */
function buildOf(pid: number): string {
  const builds = path.join(repoRoot, BUILDS_DIR);
  const held = readdirSync(builds).filter((name) =>
    existsSync(path.join(builds, name, '.instances', String(pid))),
  );
  expect(held).toHaveLength(1);
  return path.join(builds, held[0] ?? '');
}

/** Every file of a build with its inode and modification time: rewriting one in place changes them. */
function fingerprint(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      if (name === '.instances') continue;
      const file = path.join(at, name);
      const stat = statSync(file);
      if (stat.isDirectory()) walk(file);
      else out.push(`${path.relative(dir, file)} ${stat.ino} ${stat.mtimeMs} ${stat.size}`);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * No connection kept between requests: `rebuild` blocks this process for longer than the server's
 * keep-alive timeout (5 s), so a pooled connection would be closed by the server while this side,
 * blocked, cannot notice, and the next request sent on it fails ("other side closed") through no
 * fault of the instance.
 */
const fresh = new Agent({ pipelining: 0 });
const get = (route: string) => fetch(`${server.url}${route}`, { redirect: 'manual', dispatcher: fresh });

describe('building the site while an instance runs from the same folder', () => {
  it('leaves the running build untouched, and the instance answers pages it had not loaded', async () => {
    const pid = server.process.pid ?? -1;
    const before = buildOf(pid);
    const files = fingerprint(before);
    expect(files.some((file) => file.startsWith('server/chunks/'))).toBe(true);

    // The home page is a prerendered file: no page chunk is loaded before the rebuild.
    const home = await get('/');
    expect(home.status).toBe(200);
    const html = await home.text();

    const switched = rebuild(repoRoot);
    expect(switched).not.toBe(before);
    expect(realpathSync(path.join(repoRoot, 'dist'))).toBe(switched);
    expect(fingerprint(before)).toEqual(files);

    const { centres } = (await (await get('/api/v1/centres?departement=35&limit=1')).json()) as {
      centres: Array<{ id: string }>;
    };
    const id = centres[0]?.id ?? '';
    const routes = [
      '/recherche?commune=35238&rayon=20',
      '/recherche?departement=75&page=2',
      `/centres/${encodeURIComponent(id)}`,
      '/communes/35238',
      '/embed/communes/35238',
      '/embed/departements/35',
      '/statistiques',
      '/statut',
      '/api/v1/markers?commune=35238',
      '/page-qui-n-existe-pas',
      // Prerendered pages and their English twins (served from the instance's own build folder).
      '/?lang=en',
      '/page-qui-n-existe-pas?lang=en',
      ...[...html.matchAll(/(?:src|href)="(\/_astro\/[^"]+)"/g)].map((match) => match[1] ?? ''),
    ];
    const statuses = await Promise.all(
      routes.map(async (route) => [route, (await get(route)).status] as const),
    );
    for (const [route, status] of statuses) expect(status, route).toBeLessThan(500);
    expect(Object.fromEntries(statuses)['/page-qui-n-existe-pas']).toBe(404);
    expect(Object.fromEntries(statuses)['/page-qui-n-existe-pas?lang=en']).toBe(404);
    expect(statuses.filter(([, status]) => status === 200).length).toBeGreaterThanOrEqual(routes.length - 2);
  });
});
