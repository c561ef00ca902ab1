import NodeCache from 'node-cache';
import type { Logger } from 'pino';
import { logger as appLogger } from '../../shared/logger.ts';
import { type CacheDriver, type CacheEntry, type CacheSnapshotInfo, defineCacheDriver } from '../cache.ts';
import { readSnapshot, type SnapshotEntry, writeSnapshot } from '../snapshot.ts';
import { assertStorable, expiryOf } from '../ttl.ts';

export interface MemoryDriverOptions {
  /** Where to keep the snapshot; without it nothing survives a restart. */
  snapshotFile?: string;
  /** How often the snapshot is rewritten when something changed (default 30 s); 0: only on flush and close. */
  snapshotIntervalMs?: number;
  /** The clock TTLs are measured against (tests move it). */
  now?: () => number;
  logger?: Logger;
}

export const DEFAULT_SNAPSHOT_INTERVAL_MS = 30_000;

interface Entry {
  value: unknown;
  /** Epoch milliseconds by `now()`, or null for no expiry. */
  expiresAt: number | null;
}

/**
 * The embedded default: node-cache in this process, optionally snapshotted to disk. Values are stored
 * by reference (`useClones: false`): callers treat cached values as immutable JSON, which saves a deep
 * copy on every read of the hot path.
 *
 * Synchronous factory; the snapshot loads in the background and every operation waits for it (see
 * `ready()`), so a write can never be overwritten by the snapshot and a read never sees a blank cache.
 */
export const memoryDriver = defineCacheDriver((options: MemoryDriverOptions): CacheDriver => {
  const intervalMs = options.snapshotIntervalMs ?? DEFAULT_SNAPSHOT_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const log = (options.logger ?? appLogger).child({ module: 'cache', driver: 'memory' });
  const { snapshotFile } = options;
  const store = new NodeCache({ useClones: false, stdTTL: 0, checkperiod: 60 });

  let restored: CacheSnapshotInfo | null = null;
  let changes = 0;
  let savedChanges = 0;
  let lastSave: { at: string } | { failed: string } | null = null;
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  // node-cache expires by the wall clock; it only frees memory here, while `live` decides by `now()`.
  function put(key: string, value: unknown, expiresAt: number | null): boolean {
    if (expiresAt !== null && expiresAt <= now()) {
      store.del(key);
      return false;
    }
    const entry: Entry = { value, expiresAt };
    store.set(key, entry, expiresAt === null ? 0 : Math.max(0.001, (expiresAt - Date.now()) / 1000));
    return true;
  }

  function live(key: string): Entry | undefined {
    const entry = store.get<Entry>(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= now()) {
      store.del(key);
      return undefined;
    }
    return entry;
  }

  async function load(): Promise<void> {
    if (snapshotFile === undefined) return;
    const read = await readSnapshot(snapshotFile);
    if (read.kind === 'missing') return;
    if (read.kind === 'invalid') {
      log.warn({ file: snapshotFile, reason: read.reason }, 'cache snapshot ignored, starting empty');
      return;
    }
    let entries = 0;
    for (const entry of read.entries) if (put(entry.key, entry.value, entry.expiresAt)) entries += 1;
    restored = { file: snapshotFile, savedAt: read.savedAt, entries };
    log.info({ file: snapshotFile, saved_at: read.savedAt, entries }, 'cache restored from snapshot');
  }

  // Writes are chained so that an older snapshot can never be renamed over a newer one.
  function persist(): Promise<void> {
    const file = snapshotFile;
    if (file === undefined) return Promise.resolve();
    const next = writing.then(async () => {
      const version = changes;
      const entries: SnapshotEntry[] = [];
      for (const key of store.keys()) {
        const entry = live(key);
        if (entry) entries.push({ key, value: entry.value, expiresAt: entry.expiresAt });
      }
      const savedAt = new Date(now());
      try {
        await writeSnapshot(file, savedAt, entries);
      } catch (error) {
        lastSave = { failed: (error as Error).message };
        throw error;
      }
      savedChanges = version;
      lastSave = { at: savedAt.toISOString() };
    });
    writing = next.catch(() => {});
    return next;
  }

  const loaded = load().then(() => {
    if (snapshotFile === undefined || intervalMs <= 0) return;
    timer = setInterval(() => {
      if (changes === savedChanges) return;
      persist().catch((error: unknown) =>
        log.error({ err: error, file: snapshotFile }, 'cache snapshot failed'),
      );
    }, intervalMs);
    timer.unref();
  });

  return {
    name: 'memory',
    shared: false,
    ready: () => loaded,
    restoredSnapshot: () => restored,

    async get<T>(key: string) {
      await loaded;
      return live(key)?.value as T | undefined;
    },
    async getMany<T>(keys: readonly string[]) {
      await loaded;
      return keys.map((key) => live(key)?.value as T | undefined);
    },
    async set(key, value, setOptions) {
      await loaded;
      assertStorable(key, value);
      put(key, value, expiryOf(setOptions, now()));
      changes += 1;
    },
    async setMany(entries, setOptions) {
      await loaded;
      for (const [key, value] of entries) assertStorable(key, value);
      const expiresAt = expiryOf(setOptions, now());
      for (const [key, value] of entries) put(key, value, expiresAt);
      changes += 1;
    },
    async delete(key) {
      await loaded;
      store.del(key);
      changes += 1;
    },
    async keys(prefix) {
      await loaded;
      return store.keys().filter((key) => key.startsWith(prefix) && live(key) !== undefined);
    },
    async entries() {
      await loaded;
      const held: CacheEntry[] = [];
      for (const key of store.keys()) {
        const entry = live(key);
        if (entry) held.push({ key, value: entry.value, expiresAt: entry.expiresAt });
      }
      return held;
    },
    async health() {
      const parts = [`${store.keys().length} keys in memory`];
      if (snapshotFile === undefined) parts.push('no snapshot');
      else if (lastSave === null) parts.push(`snapshot ${snapshotFile} not written yet`);
      else if ('at' in lastSave) parts.push(`snapshot written at ${lastSave.at}`);
      else parts.push(`last snapshot write failed: ${lastSave.failed}`);
      return { ok: true, driver: 'memory', detail: parts.join('; ') };
    },
    async flush() {
      await loaded;
      await persist();
    },
    async close() {
      await loaded;
      clearInterval(timer);
      try {
        await persist();
      } finally {
        store.close();
      }
    },
  };
});
