import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const moduleUrl = (file: string) => pathToFileURL(path.join(repoRoot, file)).href;

/** Records every module Node loads into a list printed at exit (a load hook, registered first). */
const RECORDER = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
process.on('exit', () => process.stdout.write(JSON.stringify(loaded)));
`)}`;

/** The npm packages a fresh Node process has loaded once `script` (a module's body) has run. */
function packagesLoadedBy(script: string): Set<string> {
  const run = spawnSync(process.execPath, ['--import', RECORDER, '--input-type=module', '-e', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CRENEAU_LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const urls = JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('['))) as string[];
  return new Set(
    urls.flatMap((url) => {
      const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      return match?.[1] ? [match[1]] : [];
    }),
  );
}

// A memory-cache instance without push subscribers is most instances: node-redis (some 600 modules)
// and web-push with its crypto packages cost it about 6 MiB of heap for nothing (docs/BENCHMARKS.md).
describe('what the web instance loads', () => {
  it('loads neither node-redis nor web-push with the memory cache and no notification sent', () => {
    const packages = packagesLoadedBy(`
      await import(${JSON.stringify(moduleUrl('src/server/start.ts'))});
      const { createCache } = await import(${JSON.stringify(moduleUrl('src/cache/create-cache.ts'))});
      const cache = await createCache({ driver: 'memory', snapshotFile: null });
      await cache.close();
    `);
    expect(packages.has('zod')).toBe(true);
    for (const unwanted of ['redis', '@redis/client', 'web-push']) expect(packages).not.toContain(unwanted);
  });

  it('loads node-redis once the Redis driver is asked for', () => {
    const packages = packagesLoadedBy(`
      const { createCache } = await import(${JSON.stringify(moduleUrl('src/cache/create-cache.ts'))});
      const cache = await createCache({ driver: 'redis', url: 'redis://127.0.0.1:1', connectTimeoutMs: 200 });
      await cache.close();
    `);
    expect(packages).toContain('@redis/client');
  });
});
