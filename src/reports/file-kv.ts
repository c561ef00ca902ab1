import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readTextIfPresent, writeFileAtomic } from '../shared/files.ts';
import { logger } from '../shared/logger.ts';
import type { ReportKv } from './report-store.ts';

const FileShape = z.object({
  version: z.literal(1),
  entries: z.array(z.object({ key: z.string(), value: z.unknown(), expiresAt: z.number().nullable() })),
});

/**
 * A small key-value store kept whole in memory and written to one JSON file atomically after each
 * change (src/registry/write-atomic.ts): the reports of a single instance. `file` null keeps it in
 * memory only (tests, `astro dev`). An unreadable file is set aside (`.corrupt-<time>`), never lost.
 */
export function fileKv(file: string | null, now: () => number): ReportKv {
  const values = new Map<string, { value: unknown; expiresAt: number | null }>();
  const loaded = file ? load(file, values) : Promise.resolve();
  // Every operation awaits it and fails with it; this only keeps the rejection from being unhandled.
  loaded.catch(() => {});
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;

  function live(key: string) {
    const found = values.get(key);
    if (!found) return undefined;
    if (found.expiresAt !== null && found.expiresAt <= now()) {
      values.delete(key);
      return undefined;
    }
    return found;
  }

  function persist(): Promise<void> {
    if (!file) return Promise.resolve();
    dirty = true;
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      const entries = [...values].flatMap(([key, entry]) =>
        entry.expiresAt !== null && entry.expiresAt <= now() ? [] : [{ key, ...entry }],
      );
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify({ version: 1, entries })}\n`);
    });
    return writing;
  }

  return {
    async get<T>(key: string) {
      await loaded;
      return live(key)?.value as T | undefined;
    },
    async getMany<T>(keys: readonly string[]) {
      await loaded;
      return keys.map((key) => live(key)?.value as T | undefined);
    },
    async set(key, value, options) {
      await loaded;
      const ttl = options?.ttlSeconds;
      values.set(key, { value, expiresAt: ttl ? now() + ttl * 1000 : null });
      await persist();
    },
    async delete(key) {
      await loaded;
      if (values.delete(key)) await persist();
    },
    async keys(prefix) {
      await loaded;
      return [...values.keys()].filter((key) => key.startsWith(prefix) && live(key) !== undefined);
    },
  };
}

async function load(file: string, into: Map<string, { value: unknown; expiresAt: number | null }>) {
  const text = await readTextIfPresent(file);
  if (text === null) return;
  let parsed: z.infer<typeof FileShape>;
  try {
    parsed = FileShape.parse(JSON.parse(text));
  } catch (error) {
    const aside = `${file}.corrupt-${Date.now()}`;
    await writeFileAtomic(aside, text);
    logger.error({ err: error, file, aside }, 'reports file unreadable: set aside, starting with no reports');
    return;
  }
  for (const entry of parsed.entries) into.set(entry.key, { value: entry.value, expiresAt: entry.expiresAt });
}
