import type { Prepared } from './prepared.ts';

export interface MemoEntry {
  prepared: Prepared;
  version: string;
  builtAt: number;
}

/** What a build gives: the answer, and whether it may be kept for the next visitors. */
export interface Built {
  prepared: Prepared;
  keep: boolean;
}

export interface MemoCounters {
  hits: number;
  staleHits: number;
  misses: number;
  evictions: number;
  /** Answers served but not kept: asked once while the budget was three quarters full. */
  notAdmitted: number;
}

const MAX_ASKED = 50_000;

/**
 * Prepared answers by normalised request key, bounded by bytes (least recently used first out).
 * A key is built by one caller at a time: visitors arriving while it is built wait for that build,
 * and once it is kept, a new data version makes the next visitor start one rebuild in the
 * background while everyone keeps getting the previous bytes.
 */
export function createMemo(options: {
  maxBytes: number;
  refreshMs: number;
  /** A new data version within this long of the last build waits (default 0: the availability view already changes its version at most once a second). */
  minRebuildMs?: number;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const minRebuildMs = options.minRebuildMs ?? 0;
  const entries = new Map<string, MemoEntry>();
  const building = new Map<string, { promise: Promise<Built>; since: number }>();
  /** How many times a key not kept was asked for. */
  const asked = new Map<string, number>();
  const counters: MemoCounters = { hits: 0, staleHits: 0, misses: 0, evictions: 0, notAdmitted: 0 };
  let bytes = 0;

  function remove(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.prepared.bytes;
  }

  function store(key: string, entry: MemoEntry) {
    const replacing = entries.has(key);
    remove(key);
    // One answer larger than a quarter of the budget would push out everything else: serve it, keep it not.
    if (entry.prepared.bytes > options.maxBytes / 4) return;
    // Past three quarters of the budget, a key asked only once is served but not kept: a flood of
    // one-off URLs (random parameters) cannot push out the pages everyone asks for.
    if (!replacing && bytes + entry.prepared.bytes > options.maxBytes * 0.75 && (asked.get(key) ?? 0) < 2) {
      counters.notAdmitted += 1;
      return;
    }
    asked.delete(key);
    entries.set(key, entry);
    bytes += entry.prepared.bytes;
    // Maps iterate in insertion order and a hit re-inserts: the first key is the least recently used.
    for (const oldest of entries.keys()) {
      if (bytes <= options.maxBytes) break;
      if (oldest === key) continue;
      remove(oldest);
      counters.evictions += 1;
    }
  }

  /** Builds `key` unless a build is under way, whose result is shared. Failures are the caller's. */
  function build(key: string, version: string, make: () => Promise<Built>): Promise<Built> {
    const running = building.get(key);
    if (running) return running.promise;
    const builtAt = now();
    const promise = make()
      .then((built) => {
        if (built.keep) store(key, { prepared: built.prepared, version, builtAt });
        return built;
      })
      .finally(() => building.delete(key));
    building.set(key, { promise, since: builtAt });
    return promise;
  }

  return {
    /** The kept entry (marked as just used) and whether it is still current for `version`. */
    lookup(key: string, version: string): { entry: MemoEntry; current: boolean } | null {
      const entry = entries.get(key);
      if (!entry) {
        counters.misses += 1;
        // Bounded: forgetting who asked once only delays keeping a key by one more render.
        if (asked.size >= MAX_ASKED) asked.clear();
        asked.set(key, (asked.get(key) ?? 0) + 1);
        return null;
      }
      entries.delete(key);
      entries.set(key, entry);
      const age = now() - entry.builtAt;
      const current = age < minRebuildMs || (entry.version === version && age < options.refreshMs);
      if (current) counters.hits += 1;
      else counters.staleHits += 1;
      return { entry, current };
    },
    isBuilding: (key: string) => building.has(key),
    /** How long the build under way for `key` has run (ms), or null when none is. */
    buildingFor(key: string): number | null {
      const running = building.get(key);
      return running ? now() - running.since : null;
    },
    build,
    counters,
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
    get building() {
      return building.size;
    },
  };
}

export type Memo = ReturnType<typeof createMemo>;
