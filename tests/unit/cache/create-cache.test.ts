import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CacheConfigError,
  cacheConfigFromEnv,
  createCache,
  SNAPSHOT_FILE_NAME,
} from '../../../src/cache/create-cache.ts';
import { type RunningRedis, startRedis } from '../../support/redis-server.ts';

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CacheConfigError);
    return (error as CacheConfigError).problems;
  }
  throw new Error('expected a CacheConfigError');
}

describe('cacheConfigFromEnv', () => {
  it('defaults to the memory driver with its snapshot in the data directory', () => {
    expect(cacheConfigFromEnv({ CRENEAU_DATA_DIR: '/srv/creneau' })).toEqual({
      driver: 'memory',
      snapshotFile: path.join('/srv/creneau', SNAPSHOT_FILE_NAME),
      snapshotIntervalMs: 30_000,
    });
  });

  it('chooses Redis with its URL, the local default URL, and a key prefix', () => {
    expect(cacheConfigFromEnv({ CRENEAU_CACHE: 'redis' })).toEqual({
      driver: 'redis',
      url: 'redis://127.0.0.1:6379',
      keyPrefix: 'creneau:',
      connectTimeoutMs: 2_000,
    });
    expect(
      cacheConfigFromEnv({
        CRENEAU_CACHE: 'redis',
        CRENEAU_REDIS_URL: 'rediss://user:secret@cache.internal:6380/2',
        CRENEAU_REDIS_KEY_PREFIX: 'staging:',
      }),
    ).toMatchObject({ url: 'rediss://user:secret@cache.internal:6380/2', keyPrefix: 'staging:' });
  });

  it('treats empty variables as unset', () => {
    expect(cacheConfigFromEnv({ CRENEAU_CACHE: '', CRENEAU_DATA_DIR: '/d' })).toMatchObject({
      driver: 'memory',
    });
    expect(cacheConfigFromEnv({ CRENEAU_CACHE: 'redis', CRENEAU_REDIS_URL: ' ' })).toMatchObject({
      url: 'redis://127.0.0.1:6379',
    });
  });

  it('names the variable, its value and what it should be when one is wrong', () => {
    const problems = problemsOf(() =>
      cacheConfigFromEnv({ CRENEAU_CACHE: 'memcached', CRENEAU_REDIS_URL: 'http://127.0.0.1:6379' }),
    );
    expect(problems).toEqual([
      'CRENEAU_CACHE="memcached": must be "memory" or "redis", not "memcached"',
      'CRENEAU_REDIS_URL="http://127.0.0.1:6379": must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379',
    ]);
  });
});

describe('createCache', () => {
  let dir: string;
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'creneau-create-cache-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives a memory cache that is restored from the data directory after a restart', async () => {
    const env = { CRENEAU_DATA_DIR: dir };
    const first = await createCache(cacheConfigFromEnv(env));
    expect(first).toMatchObject({ name: 'memory', shared: false });
    await first.set('availability:centre-1', { slots: 2 });
    await first.close();

    const second = await createCache(cacheConfigFromEnv(env));
    expect(second.restoredSnapshot?.()).toMatchObject({
      file: path.join(dir, SNAPSHOT_FILE_NAME),
      entries: 1,
    });
    expect(await second.get('availability:centre-1')).toEqual({ slots: 2 });
    await second.close();
  });

  it('gives a shared Redis cache with a lease', async () => {
    const cache = await createCache(
      cacheConfigFromEnv({ CRENEAU_CACHE: 'redis', CRENEAU_REDIS_URL: redis.url }),
    );
    expect(cache).toMatchObject({ name: 'redis', shared: true });
    expect(cache.lease).toBeDefined();
    expect(await cache.health()).toMatchObject({ ok: true });
    await cache.close();
  });

  it('starts without throwing when Redis is unreachable, reporting it in health', async () => {
    const gone = await startRedis();
    await gone.stop();
    const cache = await createCache({ driver: 'redis', url: gone.url, connectTimeoutMs: 300 });
    expect(await cache.health()).toMatchObject({ ok: false, driver: 'redis' });
    await cache.close();
  });

  it('rejects a configuration object that does not fit, saying where', async () => {
    await expect(createCache({ driver: 'redis', url: 'not a url' })).rejects.toThrow(CacheConfigError);
    await expect(createCache({ driver: 'memory', snapshotFile: '' })).rejects.toThrow(/snapshotFile/);
  });
});
