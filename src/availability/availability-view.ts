import type { CacheDriver } from '../cache/cache.ts';
import {
  AVAILABILITY_CHANGES_KEY,
  AvailabilityChanges,
  changedBetween,
} from '../poller/availability-changes.ts';
import {
  AVAILABILITY_KEY_PREFIX,
  AVAILABILITY_VERSION_KEY,
  availabilityKey,
  type CentreState,
  PROVIDER_KEY_PREFIX,
} from '../poller/centre-state.ts';
import type { ProviderStats } from '../poller/provider-stats.ts';

/**
 * What this web instance serves: every centre's state and every provider's stats, read from the
 * cache in one go at start, then, each time the poller bumps `availability:version`, only the
 * records its batches touched (`availability:changes`). Requests read this in-memory copy, so a
 * visitor never waits on the cache, let alone on a provider.
 */
export interface AvailabilityView {
  state(centreId: string): CentreState | undefined;
  providers(): ProviderStats[];
  /** Changes whenever what is served changes: part of ETags and pre-serialised responses' keys. */
  readonly version: string;
  /** When this instance last read the cache successfully. */
  readonly loadedAt: Date | null;
  /** Re-reads the cache if the poller wrote since; never throws (a cache outage keeps the old copy). */
  refresh(): Promise<void>;
  start(intervalMs?: number): void;
  stop(): void;
}

export function createAvailabilityView(
  cache: CacheDriver,
  options: { onError?: (error: unknown) => void } = {},
): AvailabilityView {
  let states = new Map<string, CentreState>();
  let providers: ProviderStats[] = [];
  let cacheVersion: unknown;
  let loads = 0;
  let loadedAt: Date | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<void> | undefined;

  async function loadProviders(): Promise<void> {
    const keys = await cache.keys(PROVIDER_KEY_PREFIX);
    const values = await cache.getMany<ProviderStats>(keys);
    providers = values.filter((value): value is ProviderStats => value !== undefined);
    providers.sort((a, b) => a.provider.localeCompare(b.provider));
  }

  /** Every record, as at start or when the change log cannot say what moved. */
  async function loadAll(): Promise<void> {
    const keys = (await cache.keys(AVAILABILITY_KEY_PREFIX)).filter(
      (key) => key !== AVAILABILITY_VERSION_KEY && key !== AVAILABILITY_CHANGES_KEY,
    );
    const values = await cache.getMany<CentreState>(keys);
    const next = new Map<string, CentreState>();
    for (const value of values) if (value) next.set(value.centre_id, value);
    states = next;
  }

  /** Only the records the poller's batches since `from` touched; false when the log cannot say. */
  async function loadChanged(from: unknown, to: unknown, log: unknown): Promise<boolean> {
    if (typeof from !== 'number' || typeof to !== 'number') return false;
    const parsed = AvailabilityChanges.safeParse(log);
    const changed = parsed.success ? changedBetween(parsed.data, from, to) : null;
    if (!changed) return false;
    const ids = [...changed];
    const values = await cache.getMany<CentreState>(ids.map(availabilityKey));
    ids.forEach((id, i) => {
      const value = values[i];
      if (value) states.set(id, value);
      else states.delete(id);
    });
    return true;
  }

  // Provider stats are few and change on every poll: always re-read. Centre states are many:
  // re-read only when the poller has bumped the version, and then only those its batches touched.
  async function load(): Promise<void> {
    const [version, log] = await Promise.all([
      cache.get(AVAILABILITY_VERSION_KEY),
      cache.get(AVAILABILITY_CHANGES_KEY),
      loadProviders(),
    ]);
    if (loadedAt && version === cacheVersion && version !== undefined) {
      loadedAt = new Date();
      return;
    }
    if (!(loadedAt && (await loadChanged(cacheVersion, version, log)))) await loadAll();
    cacheVersion = version;
    loads++;
    loadedAt = new Date();
  }

  const view: AvailabilityView = {
    state: (centreId) => states.get(centreId),
    providers: () => providers,
    get version() {
      return `${String(cacheVersion ?? 0)}.${loads}`;
    },
    get loadedAt() {
      return loadedAt;
    },
    refresh() {
      inFlight ??= load()
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
    start(intervalMs = 2_000) {
      timer ??= setInterval(() => void view.refresh(), intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
  return view;
}
