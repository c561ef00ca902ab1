import { createHash } from 'node:crypto';

/**
 * A counter shared by every instance when there are several (the Redis cache driver's `increment`
 * capability, src/cache/drivers/redis.ts): adds one to `key`'s count in its current window, which
 * the first hit starts and which lasts `windowMs`; answers the count and the milliseconds left.
 */
export interface RateCounterStore {
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
}

export interface RateLimiterOptions {
  /** A cache driver, or anything with `increment`: shared counts. Without one (or without the capability), this process counts alone. */
  cache?: { increment?: RateCounterStore['increment'] | undefined } | null | undefined;
  /** Hits allowed per key and window; the next ones are refused until the window ends. */
  limit: number;
  windowS: number;
  /** Namespace of the keys (one per limiter: `report`, `login`, ...). */
  prefix?: string;
  /** Clock of the in-process counts (tests move it). */
  now?: (() => number) | undefined;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the key may try again (0 when allowed). */
  retryAfterS: number;
  /** Hits counted in the current window, this one included. */
  count: number;
}

export interface RateLimiter {
  hit(key: string): Promise<RateDecision>;
  readonly limit: number;
  readonly windowS: number;
}

/** The in-process counter: fixed windows in a Map, expired ones swept as keys come and go. */
export function memoryRateCounter(now: () => number = Date.now): RateCounterStore {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let nextSweep = 0;
  return {
    async increment(key, windowMs) {
      const at = now();
      if (at >= nextSweep) {
        for (const [name, window] of windows) if (window.endsAt <= at) windows.delete(name);
        nextSweep = at + 60_000;
      }
      let window = windows.get(key);
      if (!window || window.endsAt <= at) {
        window = { count: 0, endsAt: at + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { count: window.count, resetInMs: window.endsAt - at };
    },
  };
}

/**
 * A fixed-window rate limiter: `limit` hits per key and `windowS`, counted in the shared cache when
 * it can count (Redis: every instance sees the same counts), else in this process.
 * Keys are hashed before they are stored: an address is never written anywhere as it is.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const shared = options.cache?.increment ? (options.cache as RateCounterStore) : null;
  const store = shared ?? memoryRateCounter(options.now);
  const windowMs = Math.max(1, Math.round(options.windowS * 1000));
  const prefix = `ratelimit:${options.prefix ?? 'default'}:`;
  return {
    limit: options.limit,
    windowS: options.windowS,
    async hit(key) {
      const { count, resetInMs } = await store.increment(`${prefix}${hashKey(key)}`, windowMs);
      const allowed = count <= options.limit;
      return { allowed, retryAfterS: allowed ? 0 : Math.max(1, Math.ceil(resetInMs / 1000)), count };
    },
  };
}

function hashKey(key: string): string {
  return createHash('sha256').update(`creneau-rate:${key}`).digest('base64url').slice(0, 22);
}
