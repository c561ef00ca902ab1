import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CacheDriver } from '../../cache/cache.ts';
import { CacheConfigError, cacheConfigFromEnv, createCache } from '../../cache/create-cache.ts';
import { dataDir } from '../../config/data-dir.ts';
import { createAuditLog } from '../../operators/audit/audit-log.ts';
import { createOverrideStore, OverridesFileError } from '../../operators/overrides/override-store.ts';
import { writeFileAtomic } from '../../shared/files.ts';
import type { CliCommand } from '../main.ts';

const USAGE = 'creneau overrides export <file>|- | creneau overrides import <file>';

/** Redis when the deployment uses it (so running instances apply an import), else nothing to open. */
async function sharedCache(): Promise<CacheDriver | null> {
  const config = cacheConfigFromEnv();
  if (config.driver !== 'redis') return null;
  const cache = await createCache(config);
  await cache.ready?.();
  return cache;
}

async function run(args: string[]): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args, allowPositionals: true, options: {} }));
  } catch (error) {
    process.stderr.write(
      `creneau overrides: ${error instanceof Error ? error.message : String(error)}\nUsage: ${USAGE}\n`,
    );
    return 2;
  }
  const [verb, file, ...extra] = positionals;
  if ((verb !== 'export' && verb !== 'import') || !file || extra.length > 0) {
    process.stderr.write(`creneau overrides: expected export <file> or import <file>.\nUsage: ${USAGE}\n`);
    return 2;
  }
  let cache: CacheDriver | null;
  try {
    cache = await sharedCache();
  } catch (error) {
    if (!(error instanceof CacheConfigError)) throw error;
    process.stderr.write(`creneau overrides: ${error.message}\n`);
    return 1;
  }
  const dir = dataDir();
  const store = createOverrideStore({ dataDir: dir, ...(cache ? { cache } : {}) });
  try {
    if (verb === 'export') {
      const text = await store.exportText();
      if (file === '-') process.stdout.write(text);
      else await writeFileAtomic(file, text);
      if (file !== '-') process.stdout.write(`Wrote ${file}\n`);
      return 0;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      process.stderr.write(`creneau overrides: cannot read ${file}: ${(error as Error).message}\n`);
      return 1;
    }
    const before = await store.exportText();
    const result = await store.importText(text);
    await createAuditLog({ dataDir: dir, ...(cache ? { cache } : {}) }).append({
      by: 'cli',
      action: 'import',
      target: 'overrides',
      before: { overrides: result.before },
      after: { overrides: result.after, revision: result.revision },
      note: `creneau overrides import (previous file: ${before.length} bytes)`,
    });
    process.stdout.write(
      `Imported ${result.after} overrides (replacing ${result.before}), revision ${result.revision}. Running instances apply them ${cache ? 'within seconds' : 'at their next start'}.\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof OverridesFileError)) throw error;
    process.stderr.write(`creneau overrides: ${error.message}; nothing was changed\n`);
    return 1;
  } finally {
    await cache?.close();
  }
}

export const command: CliCommand = {
  summary: 'Export or import the operators’ overrides (overrides.json), to move them between deployments.',
  usage: `${USAGE}\n\n  export <file>  write every override (validated) to <file>, atomically; - for stdout\n  import <file>  replace every override with <file>'s (validated first: a bad file changes nothing)\n\nReads and writes <data dir>/overrides.json (CRENEAU_DATA_DIR, default ./data), and Redis when CRENEAU_CACHE=redis.\nExit codes: 0 done, 1 refused (nothing changed), 2 usage error.`,
  run,
};
