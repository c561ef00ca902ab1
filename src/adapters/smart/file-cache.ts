import type { AdapterContext } from '../context.ts';
import { get } from '../http.ts';

/** The spec's floor: a client never fetches the same file more than once a minute. */
export const MIN_REFETCH_MS = 60_000;

interface Entry {
  fetchedAtMs: number;
  freshUntilMs: number;
  etag: string | null;
  lastModified: string | null;
  /** The last good value; kept across a 304. */
  value?: unknown;
  /** The last failure, replayed until the entry is due again rather than asking again at once. */
  failure?: unknown;
  pending?: Promise<unknown>;
}

/** One cache per context (so per provider), keyed by file URL. */
const caches = new WeakMap<AdapterContext<unknown>, Map<string, Entry>>();

function cacheOf(ctx: AdapterContext<unknown>): Map<string, Entry> {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map();
    caches.set(ctx, cache);
  }
  return cache;
}

function maxAgeMs(cacheControl: string | null): number {
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl ?? '');
  return match ? Number(match[1]) * 1000 : 0;
}

/**
 * Fetches a feed file at most once a minute and no sooner than its `Cache-Control: max-age`,
 * revalidating with `If-None-Match` / `If-Modified-Since`. Concurrent callers share one request.
 * `read` turns a fresh 200 into the cached value (it may stream the body).
 */
export async function cachedFetch<T>(
  ctx: AdapterContext<unknown>,
  url: string,
  read: (response: Response) => Promise<T>,
): Promise<T> {
  const cache = cacheOf(ctx);
  const entry = cache.get(url);
  const now = ctx.now().getTime();
  if (entry?.pending) return entry.pending as Promise<T>;
  if (entry && now < entry.freshUntilMs) {
    if (entry.failure !== undefined) throw entry.failure;
    return entry.value as T;
  }
  const pending = refresh(ctx, url, entry, read);
  cache.set(url, {
    ...(entry ?? { fetchedAtMs: now, freshUntilMs: now, etag: null, lastModified: null }),
    pending,
  });
  return pending;
}

async function refresh<T>(
  ctx: AdapterContext<unknown>,
  url: string,
  previous: Entry | undefined,
  read: (response: Response) => Promise<T>,
): Promise<T> {
  const cache = cacheOf(ctx);
  const fetchedAtMs = ctx.now().getTime();
  const headers: Record<string, string> = { accept: 'application/fhir+ndjson, application/json' };
  const revalidate = previous && previous.value !== undefined;
  if (revalidate && previous.etag) headers['if-none-match'] = previous.etag;
  if (revalidate && previous.lastModified) headers['if-modified-since'] = previous.lastModified;
  try {
    const response = await get(ctx, url, { headers, accept: [304] });
    const freshUntilMs =
      fetchedAtMs + Math.max(MIN_REFETCH_MS, maxAgeMs(response.headers.get('cache-control')));
    const notModified = response.status === 304 && revalidate;
    const value = notModified ? (previous.value as T) : await read(response);
    if (notModified) await response.body?.cancel().catch(() => {});
    cache.set(url, {
      fetchedAtMs,
      freshUntilMs,
      etag: response.headers.get('etag') ?? (notModified ? previous.etag : null),
      lastModified: response.headers.get('last-modified') ?? (notModified ? previous.lastModified : null),
      value,
    });
    return value;
  } catch (failure) {
    cache.set(url, {
      fetchedAtMs,
      freshUntilMs: fetchedAtMs + MIN_REFETCH_MS,
      etag: previous?.etag ?? null,
      lastModified: previous?.lastModified ?? null,
      ...(previous?.value === undefined ? {} : { value: previous.value }),
      failure,
    });
    throw failure;
  }
}
