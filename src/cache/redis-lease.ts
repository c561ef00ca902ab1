import type { CacheLease } from './cache.ts';

/** The few client commands a lease needs: the driver passes its node-redis client through its outage guard. */
export interface LeaseCommands {
  setIfAbsent(key: string, holder: string, ttlMs: number): Promise<boolean>;
  eval(script: string, key: string, args: string[]): Promise<unknown>;
}

/**
 * Checked in Redis itself, in one step, that the lease still belongs to `holder`: a holder whose lease
 * expired and was taken over must never extend or delete the new holder's lease.
 */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * `run` returns undefined when Redis is unreachable: a lease nobody can verify is not held, so acquire
 * and renew answer false (the poller stops rather than risk two pollers) and release does nothing
 * (the lease expires in Redis by itself).
 */
export function redisLease(
  leaseKey: (name: string) => string,
  run: <T>(command: (redis: LeaseCommands) => Promise<T>) => Promise<T | undefined>,
): CacheLease {
  const renew = async (name: string, holder: string, ttlMs: number) =>
    (await run((redis) => redis.eval(RENEW, leaseKey(name), [holder, String(leaseMs(ttlMs))]))) === 1;
  return {
    async acquire(name, holder, ttlMs) {
      const taken = await run((redis) => redis.setIfAbsent(leaseKey(name), holder, leaseMs(ttlMs)));
      if (taken === undefined) return false;
      return taken || renew(name, holder, ttlMs);
    },
    renew,
    async release(name, holder) {
      await run((redis) => redis.eval(RELEASE, leaseKey(name), [holder]));
    },
  };
}

function leaseMs(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs < 1)
    throw new RangeError(`lease TTL must be at least 1 ms, got ${ttlMs}`);
  return Math.round(ttlMs);
}
