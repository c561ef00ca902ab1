import type { CacheDriver } from '../cache/cache.ts';
import {
  AVAILABILITY_KEY_PREFIX,
  AVAILABILITY_VERSION_KEY,
  type CentreState,
  PROVIDER_KEY_PREFIX,
} from '../poller/centre-state.ts';
import type { ProviderStats } from '../poller/provider-stats.ts';

/**
 * What this web instance serves: every centre's state and every provider's stats, read from the
 * cache in one go and reloaded only when the poller bumps `availability:version`. Requests read
 * this in-memory copy, so a visitor never waits on the cache, let alone on a provider.
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

  // Provider stats are few and change on every poll: always re-read. Centre states are many:
  // re-read only when the poller has bumped the version.
  async function load(): Promise<void> {
    const [version] = await Promise.all([cache.get(AVAILABILITY_VERSION_KEY), loadProviders()]);
    if (loadedAt && version === cacheVersion && version !== undefined) {
      loadedAt = new Date();
      return;
    }
    const keys = (await cache.keys(AVAILABILITY_KEY_PREFIX)).filter(
      (key) => key !== AVAILABILITY_VERSION_KEY,
    );
    const values = await cache.getMany<CentreState>(keys);
    const next = new Map<string, CentreState>();
    for (const value of values) if (value) next.set(value.centre_id, value);
    states = next;
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
