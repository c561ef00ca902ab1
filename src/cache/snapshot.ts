import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../registry/write-atomic.ts';

/**
 * The memory driver's snapshot on disk: every live entry with its absolute expiry (so a TTL keeps
 * counting across a restart) and when the snapshot was written (so pages can say how old it is).
 */
export const CacheSnapshot = z.strictObject({
  format: z.literal('creneau-cache-snapshot'),
  version: z.literal(1),
  saved_at: z.iso.datetime({ offset: true }),
  entries: z.array(
    z.strictObject({
      key: z.string(),
      value: z.unknown(),
      expires_at: z.iso.datetime({ offset: true }).nullable(),
    }),
  ),
});
export type CacheSnapshot = z.infer<typeof CacheSnapshot>;

export interface SnapshotEntry {
  key: string;
  value: unknown;
  /** Epoch milliseconds, or null for no expiry. */
  expiresAt: number | null;
}

export type SnapshotRead =
  | { kind: 'missing' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'ok'; savedAt: string; entries: SnapshotEntry[] };

/** A missing file is a first start; anything unreadable or malformed is reported, never thrown. */
export async function readSnapshot(file: string): Promise<SnapshotRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: `unreadable: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = CacheSnapshot.safeParse(json);
  if (!parsed.success) {
    return { kind: 'invalid', reason: `not a cache snapshot: ${z.prettifyError(parsed.error)}` };
  }
  const entries = parsed.data.entries.flatMap((entry) =>
    entry.value === undefined
      ? []
      : [
          {
            key: entry.key,
            value: entry.value,
            expiresAt: entry.expires_at === null ? null : Date.parse(entry.expires_at),
          },
        ],
  );
  return { kind: 'ok', savedAt: parsed.data.saved_at, entries };
}

export async function writeSnapshot(
  file: string,
  savedAt: Date,
  entries: readonly SnapshotEntry[],
): Promise<void> {
  const snapshot: CacheSnapshot = {
    format: 'creneau-cache-snapshot',
    version: 1,
    saved_at: savedAt.toISOString(),
    entries: entries.map(({ key, value, expiresAt }) => ({
      key,
      value,
      expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    })),
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(snapshot));
}
