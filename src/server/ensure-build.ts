import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCE_ROOTS = ['src', 'public', 'astro.config.mjs', 'package.json'];
const LOCK_STALE_MS = 5 * 60_000;

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

function isFresh(root: string): boolean {
  const entry = path.join(root, 'dist/server/entry.mjs');
  if (!existsSync(entry)) return false;
  const sourcesMtime = Math.max(
    ...SOURCE_ROOTS.map((p) => path.join(root, p))
      .filter(existsSync)
      .map(newestMtime),
  );
  return statSync(entry).mtimeMs >= sourcesMtime;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the site with `astro build` when dist/ is missing or older than the sources, so that
 * `npm install && npm start` works on a fresh clone and a pull is picked up without a manual build.
 * Several processes starting at once (test files, instances) build once: a lock directory
 * serialises them, and each re-checks freshness once it holds the lock.
 */
export function ensureBuild(root: string): void {
  if (isFresh(root)) return;
  const lock = path.join(root, 'dist.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (existsSync(lock) ? statSync(lock).mtimeMs : Date.now());
      if (age > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else sleepSync(200);
    }
  }
  try {
    if (isFresh(root)) return;
    process.stderr.write('Building the site (astro build)…\n');
    const astro = path.join(root, 'node_modules/astro/bin/astro.mjs');
    const result = spawnSync(process.execPath, [astro, 'build'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) throw new Error(`astro build failed (exit ${result.status ?? result.signal})`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
