import { z } from 'zod';

/**
 * Which centres each recent batch of writes touched, so a web instance re-reads those records only
 * instead of every centre's each time `availability:version` moves. Written by the poller with the
 * batch, before the version; a reader that finds no unbroken chain from the version it holds to the
 * current one (a restart, a new leader, a batch too large to list) re-reads everything, as before.
 */
export const AVAILABILITY_CHANGES_KEY = 'availability:changes';

/** Batches listed at most, and centre ids over all of them: past that, readers re-read everything. */
export const CHANGES_KEPT = 16;
export const CHANGED_IDS_KEPT = 5_000;

export const AvailabilityChange = z.object({
  /** `availability:version` before and after the batch. */
  previous: z.number().nullable(),
  version: z.number(),
  /** Null when the batch was too large to list. */
  ids: z.array(z.string()).nullable(),
});
export type AvailabilityChange = z.infer<typeof AvailabilityChange>;

export const AvailabilityChanges = z.array(AvailabilityChange);

/** The log after one more batch: newest last, bounded in batches and in ids. */
export function appendChange(
  log: readonly AvailabilityChange[],
  change: AvailabilityChange,
): AvailabilityChange[] {
  const next = [
    ...log,
    change.ids && change.ids.length > CHANGED_IDS_KEPT ? { ...change, ids: null } : change,
  ];
  let ids = 0;
  let first = next.length - 1;
  for (let i = next.length - 1; i >= 0 && next.length - i <= CHANGES_KEPT; i--) {
    const size = next[i]?.ids?.length ?? 0;
    if (i < next.length - 1 && ids + size > CHANGED_IDS_KEPT) break;
    ids += size;
    first = i;
  }
  return next.slice(first);
}

/**
 * The centre ids changed between version `from` and version `to`, when the log holds every batch in
 * between; null when it does not, and the reader must re-read everything.
 */
export function changedBetween(
  log: readonly AvailabilityChange[],
  from: number,
  to: number,
): Set<string> | null {
  const ids = new Set<string>();
  let at = from;
  for (const change of log) {
    if (change.version <= from) continue;
    if (change.previous !== at || change.ids === null) return null;
    for (const id of change.ids) ids.add(id);
    at = change.version;
    if (at === to) return ids;
  }
  return null;
}
