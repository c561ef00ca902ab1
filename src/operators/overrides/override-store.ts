import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CacheDriver } from '../../cache/cache.ts';
import { readTextIfPresent, writeFileAtomic } from '../../shared/files.ts';
import { emptyOverrides, OVERRIDES_FILE_NAME, type Override, OverridesFile } from './override.ts';

/** Where a shared cache (Redis) holds the overrides, so that every instance applies the same. */
export const OVERRIDES_CACHE_KEY = 'operators:overrides';

/** The overrides file cannot be used: not JSON, or not an overrides file. Said in one sentence. */
export class OverridesFileError extends Error {
  override name = 'OverridesFileError';
}

export interface OverrideStoreOptions {
  dataDir: string;
  /** The app's cache: used when it is shared between instances (Redis). */
  cache?: Pick<CacheDriver, 'shared' | 'get' | 'set'> | undefined;
  now?: () => Date;
}

export interface OverrideChange {
  before: Override | null;
  after: Override | null;
  revision: number;
}

export interface OverrideStore {
  /** The data directory the file is in (the console reads the import report and proposals beside it). */
  readonly dataDir: string;
  /** The current overrides (as last loaded or written by this instance). */
  list(): Promise<Override[]>;
  get(key: string): Promise<Override | null>;
  /**
   * Changes one override: `change` gets the current one (or null) and returns the new one, or null to
   * remove it. Written atomically to the data directory, then to the shared cache.
   */
  update(key: string, change: (current: Override | null) => Override | null): Promise<OverrideChange>;
  /** The revision last seen: grows with every change. */
  revision(): number;
  /** Re-reads the shared cache (or the file); true when the revision moved. */
  refresh(): Promise<boolean>;
  /** The whole file, as `creneau overrides export` writes it. */
  exportText(): Promise<string>;
  /** Replaces every override with a file's (validated first: a bad file changes nothing). */
  importText(text: string): Promise<{ before: number; after: number; revision: number }>;
}

/** Reads an overrides document from text: an OverridesFileError naming the first problem when it is not one. */
export function parseOverridesText(text: string, where = OVERRIDES_FILE_NAME): OverridesFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OverridesFileError(
      `${where} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = OverridesFile.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const at = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
    throw new OverridesFileError(`${where} is not a Créneau overrides file (${at})`);
  }
  const keys = new Set<string>();
  for (const override of parsed.data.overrides) {
    if (keys.has(override.key)) throw new OverridesFileError(`${where} holds key ${override.key} twice`);
    keys.add(override.key);
  }
  return parsed.data;
}

export function overridesPath(dataDir: string): string {
  return path.join(dataDir, OVERRIDES_FILE_NAME);
}

/** The overrides stored in `dataDir` (none when the file is absent). */
export async function readOverridesFile(dataDir: string): Promise<OverridesFile> {
  const file = overridesPath(dataDir);
  const text = await readTextIfPresent(file);
  if (text === null) return emptyOverrides();
  return parseOverridesText(text, file);
}

export async function writeOverridesFile(dataDir: string, document: OverridesFile): Promise<void> {
  const checked = OverridesFile.parse(document);
  await mkdir(dataDir, { recursive: true });
  await writeFileAtomic(overridesPath(dataDir), `${JSON.stringify(checked, null, 2)}\n`);
}

/**
 * The operators' decisions: `<data dir>/overrides.json`, written atomically, and, when the cache is
 * shared (Redis), the same document under `operators:overrides` so that every instance applies it.
 * The newer revision wins between the two (a Redis restarted empty gets the file's back).
 */
export function createOverrideStore(options: OverrideStoreOptions): OverrideStore {
  const now = options.now ?? (() => new Date());
  const shared = options.cache?.shared ? options.cache : null;
  let current: OverridesFile | null = null;
  // One change at a time in this process: each reads what the previous one wrote.
  let queue: Promise<unknown> = Promise.resolve();

  async function fromCache(): Promise<OverridesFile | null> {
    if (!shared) return null;
    const value = await shared.get(OVERRIDES_CACHE_KEY);
    if (value === undefined) return null;
    const parsed = OverridesFile.safeParse(value);
    return parsed.success ? parsed.data : null;
  }

  /** The newest of the file and the shared cache; each side behind is brought up to date. */
  async function latest(): Promise<OverridesFile> {
    const [file, cached] = await Promise.all([readOverridesFile(options.dataDir), fromCache()]);
    if (cached && cached.revision > file.revision) {
      await writeOverridesFile(options.dataDir, cached);
      return cached;
    }
    if (shared && (!cached || cached.revision < file.revision) && file.revision > 0)
      await shared.set(OVERRIDES_CACHE_KEY, file);
    return file;
  }

  async function store(document: OverridesFile): Promise<void> {
    await writeOverridesFile(options.dataDir, document);
    if (shared) await shared.set(OVERRIDES_CACHE_KEY, document);
    current = document;
  }

  function serial<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  }

  async function loaded(): Promise<OverridesFile> {
    current ??= await latest();
    return current;
  }

  return {
    dataDir: options.dataDir,
    list: async () => [...(await loaded()).overrides],
    get: async (key) => (await loaded()).overrides.find((override) => override.key === key) ?? null,
    revision: () => current?.revision ?? 0,
    async refresh() {
      const before = current?.revision ?? -1;
      current = await latest();
      return current.revision !== before;
    },
    update: (key, change) =>
      serial(async () => {
        const document = await latest();
        const before = document.overrides.find((override) => override.key === key) ?? null;
        const after = change(before);
        const others = document.overrides.filter((override) => override.key !== key);
        const next: OverridesFile = {
          ...document,
          revision: document.revision + 1,
          updated_at: now().toISOString(),
          overrides: after ? [...others, after] : others,
        };
        await store(next);
        return { before, after, revision: next.revision };
      }),
    exportText: async () => `${JSON.stringify(await latest(), null, 2)}\n`,
    importText: (text) =>
      serial(async () => {
        const incoming = parseOverridesText(text, 'the imported file');
        const document = await latest();
        const next: OverridesFile = {
          ...incoming,
          revision: Math.max(document.revision, incoming.revision) + 1,
          updated_at: now().toISOString(),
        };
        await store(next);
        return { before: document.overrides.length, after: next.overrides.length, revision: next.revision };
      }),
  };
}
