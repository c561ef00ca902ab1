import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCE_ROOTS = ['src', 'public', 'astro.config.mjs', 'package.json'];

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

/**
 * Builds the site with `astro build` when dist/ is missing or older than the sources, so that
 * `npm install && npm start` works on a fresh clone and a pull is picked up without a manual build.
 */
export function ensureBuild(root: string): void {
  const entry = path.join(root, 'dist/server/entry.mjs');
  const sourcesMtime = Math.max(
    ...SOURCE_ROOTS.map((p) => path.join(root, p))
      .filter(existsSync)
      .map(newestMtime),
  );
  if (existsSync(entry) && statSync(entry).mtimeMs >= sourcesMtime) return;
  process.stderr.write('Building the site (astro build)…\n');
  const astro = path.join(root, 'node_modules/astro/bin/astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`astro build failed (exit ${result.status ?? result.signal})`);
}
