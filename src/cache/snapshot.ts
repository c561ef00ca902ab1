import { createReadStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { removeStaleTemps, writeFileAtomic } from '../shared/files.ts';

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

const SnapshotHeader = CacheSnapshot.extend({ entries: z.array(z.never()).length(0) });
const SnapshotEntryLine = CacheSnapshot.shape.entries.element;

function toEntry(entry: z.infer<typeof SnapshotEntryLine>): SnapshotEntry[] {
  if (entry.value === undefined) return [];
  return [
    {
      key: entry.key,
      value: entry.value,
      expiresAt: entry.expires_at === null ? null : Date.parse(entry.expires_at),
    },
  ];
}

/**
 * A snapshot as `writeSnapshot` lays it out, one entry per line, read line by line: the file is
 * never one string in memory. Null when the first line is not that layout's (a one-line snapshot).
 */
async function readLines(file: string): Promise<SnapshotRead | null> {
  const input = createReadStream(file, 'utf8');
  try {
    return await readEntryLines(createInterface({ input, crlfDelay: Infinity }));
  } finally {
    input.destroy();
  }
}

async function readEntryLines(lines: AsyncIterable<string>): Promise<SnapshotRead | null> {
  let header: z.infer<typeof SnapshotHeader> | null = null;
  const entries: SnapshotEntry[] = [];
  let closed = false;
  for await (const line of lines) {
    if (header === null) {
      if (!line.endsWith('"entries":[')) return null;
      const parsed = SnapshotHeader.safeParse(parseOrUndefined(`${line}]}`));
      if (!parsed.success) return { kind: 'invalid', reason: 'not a cache snapshot: bad header' };
      header = parsed.data;
      continue;
    }
    if (closed) return { kind: 'invalid', reason: 'not a cache snapshot: text after the end' };
    if (line === ']}') {
      closed = true;
      continue;
    }
    const entry = SnapshotEntryLine.safeParse(
      parseOrUndefined(line.endsWith(',') ? line.slice(0, -1) : line),
    );
    if (!entry.success)
      return { kind: 'invalid', reason: `not a cache snapshot: entry ${entries.length + 1}` };
    entries.push(...toEntry(entry.data));
  }
  if (header === null) return null;
  if (!closed) return { kind: 'invalid', reason: 'not JSON: the snapshot ends early' };
  return { kind: 'ok', savedAt: header.saved_at, entries };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A missing file is a first start; anything unreadable or malformed is reported, never thrown. */
export async function readSnapshot(file: string): Promise<SnapshotRead> {
  // A snapshot write killed half-way (kill -9) left its temporary: gone with its process.
  await removeStaleTemps(path.dirname(file));
  try {
    const streamed = await readLines(file);
    if (streamed) return streamed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: `unreadable: ${(error as Error).message}` };
  }
  // A snapshot written on one line (before issue 9): read whole.
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
  return { kind: 'ok', savedAt: parsed.data.saved_at, entries: parsed.data.entries.flatMap(toEntry) };
}

const CHUNK_CHARS = 256 * 1024;

/**
 * Still one JSON document (`CacheSnapshot`), but laid out one entry per line and written in chunks
 * as it is serialised: a snapshot of 100,000 centres never exists as one string, on write or on read.
 */
function* snapshotText(savedAt: Date, entries: readonly SnapshotEntry[]): Generator<string> {
  const header: Omit<CacheSnapshot, 'entries'> = {
    format: 'creneau-cache-snapshot',
    version: 1,
    saved_at: savedAt.toISOString(),
  };
  let chunk = `${JSON.stringify(header).slice(0, -1)},"entries":[`;
  for (let i = 0; i < entries.length; i++) {
    const { key, value, expiresAt } = entries[i] as SnapshotEntry;
    // readline also ends lines at U+2028 and U+2029, which JSON.stringify leaves raw: escaped, still JSON.
    const line = JSON.stringify({
      key,
      value,
      expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    }).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
    chunk += `\n${line}${i < entries.length - 1 ? ',' : ''}`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n]}`;
}

export async function writeSnapshot(
  file: string,
  savedAt: Date,
  entries: readonly SnapshotEntry[],
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, snapshotText(savedAt, entries));
}
