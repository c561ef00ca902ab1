/** What the response path reports to `/metrics`: the memo's use and the overload gate's state. */
export interface ResponseStats {
  memo: {
    hits: number;
    staleHits: number;
    misses: number;
    evictions: number;
    notAdmitted: number;
    bytes: number;
    entries: number;
    building: number;
    maxBytes: number;
  };
  overload: {
    lagMs: number;
    inFlight: number;
    /** What a new render is expected to take now (responses/overload.ts). */
    expectedWaitMs: number;
    shed: number;
    lagThresholdMs: number;
    renderQueueMax: number;
    renderWaitBudgetMs: number;
  };
}

// The server entry (run from src/) and the pages (bundled into dist/) are two copies of this module:
// the source lives on globalThis so that the `/metrics` page reads the server's figures.
const STATS_KEY = Symbol.for('creneau.response-stats');
type Holder = { [STATS_KEY]?: (() => ResponseStats) | undefined };

export function publishResponseStats(source: (() => ResponseStats) | undefined): void {
  (globalThis as Holder)[STATS_KEY] = source;
}

/** The running response path's figures, or null outside the server entry (`astro dev`). */
export function responseStats(): ResponseStats | null {
  return (globalThis as Holder)[STATS_KEY]?.() ?? null;
}
