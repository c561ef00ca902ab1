/**
 * The availability cache, in the spirit of unstorage's drivers: one small interface, one file per
 * driver behind `defineCacheDriver`, one shared test suite for all. It stores JSON values by key
 * and knows nothing of adapters or centres: the poller writes, pages and the API read.
 */
export interface CacheHealth {
  /** False when the backing store is unreachable and the driver is serving what it holds locally. */
  ok: boolean;
  driver: string;
  detail?: string;
}

/** A lease that at most one holder owns at a time, expiring unless renewed (one poller among instances). */
export interface CacheLease {
  /** True when `holder` now owns the lease (newly or still). */
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** True while `holder` still owns it; extends its expiry. */
  renew(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

/** Where a driver's data came from at start, when it restored a snapshot: lets pages say how old it is. */
export interface CacheSnapshotInfo {
  file: string;
  /** When the snapshot was written, an ISO 8601 UTC instant. */
  savedAt: string;
  entries: number;
}

export interface CacheDriver {
  readonly name: string;
  /** True when other processes see what this one writes (Redis); false for the in-process memory driver. */
  readonly shared: boolean;
  get<T = unknown>(key: string): Promise<T | undefined>;
  getMany<T = unknown>(keys: readonly string[]): Promise<Array<T | undefined>>;
  set(key: string, value: unknown, options?: { ttlSeconds?: number }): Promise<void>;
  setMany(
    entries: ReadonlyArray<readonly [string, unknown]>,
    options?: { ttlSeconds?: number },
  ): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix`, in no particular order. */
  keys(prefix: string): Promise<string[]>;
  health(): Promise<CacheHealth>;
  /** Writes what must survive a restart (memory driver: the snapshot), then frees resources. */
  close(): Promise<void>;
  /** Capability: leases, for drivers shared between processes. */
  readonly lease?: CacheLease;
  /**
   * Capability (shared drivers): adds one to a counter in its current window (started by the first
   * hit, `windowMs` long), atomically for every instance; the rate limiter's shared counts
   * (src/shared/rate-limit.ts).
   */
  increment?(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Capability: persist now (memory driver's snapshot). */
  flush?(): Promise<void>;
  /**
   * Resolves once the driver has loaded what it starts from (snapshot, first connection attempt). Every
   * operation waits for it anyway; call it to start up front and to know when a restart is served.
   */
  ready?(): Promise<void>;
  /** Capability: the snapshot restored at start, or null when the driver started empty. */
  restoredSnapshot?(): CacheSnapshotInfo | null;
  /** Capability: every live value held in this process, with its expiry (the memory driver). */
  entries?(): Promise<CacheEntry[]>;
  /**
   * Capability (shared drivers): calls `listener` each time the shared store is found to have lost its
   * data (a Redis restarted empty), after this instance wrote back what it holds; returns an unsubscribe.
   * The poller then re-polls the centres still missing.
   */
  onStoreLost?(listener: () => void): () => void;
}

/** A value as held in memory: `expiresAt` in epoch milliseconds by the driver's clock, or null. */
export interface CacheEntry {
  key: string;
  value: unknown;
  expiresAt: number | null;
}

export function defineCacheDriver<Options>(
  factory: (options: Options) => CacheDriver,
): (options: Options) => CacheDriver {
  return factory;
}
