import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { dataDir } from '../config/data-dir.ts';
import { logger as appLogger } from '../shared/logger.ts';
import type { CacheDriver } from './cache.ts';
import { DEFAULT_SNAPSHOT_INTERVAL_MS, memoryDriver } from './drivers/memory.ts';

export const SNAPSHOT_FILE_NAME = 'cache-snapshot.json';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const redisUrl = z.url({
  protocol: /^rediss?$/,
  error: 'must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379',
});

/** Which driver the process uses, and its settings. */
export const CacheConfig = z.discriminatedUnion('driver', [
  z.strictObject({
    driver: z.literal('memory'),
    /** null: no snapshot, nothing survives a restart. */
    snapshotFile: z.string().min(1).nullable(),
    snapshotIntervalMs: z.int().nonnegative().default(DEFAULT_SNAPSHOT_INTERVAL_MS),
  }),
  z.strictObject({
    driver: z.literal('redis'),
    url: redisUrl,
    keyPrefix: z.string().min(1).default('creneau:'),
    connectTimeoutMs: z.int().positive().default(2_000),
  }),
]);
export type CacheConfig = z.output<typeof CacheConfig>;
export type CacheConfigInput = z.input<typeof CacheConfig>;

const CacheEnvironment = z.object({
  CRENEAU_CACHE: z
    .enum(['memory', 'redis'], {
      error: (issue) => `must be "memory" or "redis", not "${String(issue.input)}"`,
    })
    .default('memory'),
  CRENEAU_REDIS_URL: redisUrl.default(DEFAULT_REDIS_URL),
  CRENEAU_REDIS_KEY_PREFIX: z.string().default('creneau:'),
});

export class CacheConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid cache configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CacheConfigError';
    this.problems = problems;
  }
}

/**
 * `CRENEAU_CACHE=memory|redis` (default memory), `CRENEAU_REDIS_URL` (default redis://127.0.0.1:6379),
 * `CRENEAU_REDIS_KEY_PREFIX` (default `creneau:`); the memory snapshot lives in the data directory.
 */
export function cacheConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CacheConfig {
  // An empty variable (as compose files leave them) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const parsed = CacheEnvironment.safeParse(set);
  if (!parsed.success) {
    throw new CacheConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0]);
        return `${variable}=${JSON.stringify(env[variable])}: ${issue.message}`;
      }),
    );
  }
  const vars = parsed.data;
  return vars.CRENEAU_CACHE === 'redis'
    ? parseConfig({ driver: 'redis', url: vars.CRENEAU_REDIS_URL, keyPrefix: vars.CRENEAU_REDIS_KEY_PREFIX })
    : parseConfig({ driver: 'memory', snapshotFile: path.join(dataDir(env), SNAPSHOT_FILE_NAME) });
}

/**
 * The process's cache, ready to serve: the memory driver has restored its snapshot, the Redis driver
 * has connected or, with Redis unreachable, serves from memory and says so in `health()`. Never throws
 * because a store is down; only a configuration mistake throws (`CacheConfigError`).
 */
export async function createCache(
  config: CacheConfigInput = cacheConfigFromEnv(),
  options: { logger?: Logger } = {},
): Promise<CacheDriver> {
  const resolved = parseConfig(config);
  const logger = options.logger ?? appLogger;
  const driver =
    resolved.driver === 'redis'
      ? // Imported only when Redis is configured: node-redis is some 600 modules, about 6 MiB of heap
        // that a memory-cache instance would carry for nothing (docs/BENCHMARKS.md, "the floor").
        (await import('./drivers/redis.ts')).redisDriver({
          url: resolved.url,
          keyPrefix: resolved.keyPrefix,
          connectTimeoutMs: resolved.connectTimeoutMs,
          logger,
        })
      : memoryDriver({
          ...(resolved.snapshotFile === null ? {} : { snapshotFile: resolved.snapshotFile }),
          snapshotIntervalMs: resolved.snapshotIntervalMs,
          logger,
        });
  await driver.ready?.();
  const health = await driver.health();
  logger.info({ module: 'cache', ...health }, 'cache ready');
  return driver;
}

function parseConfig(config: CacheConfigInput): CacheConfig {
  const parsed = CacheConfig.safeParse(config);
  if (parsed.success) return parsed.data;
  throw new CacheConfigError(
    parsed.error.issues.map((issue) => `${issue.path.join('.') || 'cache'}: ${issue.message}`),
  );
}
