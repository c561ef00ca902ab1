import type { CacheDriver } from '../cache/cache.ts';
import { type AlertSettings, AlertSettingsFile } from '../config/alert-settings.ts';
import { AlertEvent } from './alert-event.ts';

export const ALERT_EVENTS_KEY = 'alerts:events';
/** Bumped with every write of the events: readers re-read the (large) list only when it moved. */
export const ALERT_VERSION_KEY = 'alerts:version';

/**
 * The alert events every instance serves, kept in the shared cache as one capped list (newest
 * first). Only the poller's leader writes, so a read-modify-write of one key is enough.
 */
export interface AlertStore {
  /** Newest first, within retention. Reads the cache at most every `refreshMs`; never throws. */
  events(): Promise<readonly AlertEvent[]>;
  /** Changes whenever the events read change: part of feeds' ETags. */
  readonly version: string;
  /** Adds events (from the leader), dropping those past retention or beyond the cap. */
  append(events: readonly AlertEvent[]): Promise<void>;
}

export interface AlertStoreOptions {
  /** How stale a reader's copy may be (default 2 s, the engine's own pace). */
  refreshMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

function parseEvents(value: unknown): AlertEvent[] {
  if (!Array.isArray(value)) return [];
  // One bad entry (a format change, a hand edit) must not empty the feeds.
  return value.flatMap((entry) => {
    const parsed = AlertEvent.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** @param settings the `alerts` section (`max_events`, `retention_s`); default: the config's defaults. */
export function createAlertStore(
  cache: CacheDriver,
  settings: Pick<AlertSettings, 'max_events' | 'retention_s'> = AlertSettingsFile.parse({}),
  options: AlertStoreOptions = {},
): AlertStore {
  const refreshMs = options.refreshMs ?? 2000;
  const now = options.now ?? Date.now;
  let events: AlertEvent[] = [];
  let cacheVersion: unknown;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let loads = 0;
  let inFlight: Promise<void> | undefined;

  const withinRetention = (list: readonly AlertEvent[]) => {
    const oldest = now() - settings.retention_s * 1000;
    return list.filter((event) => Date.parse(event.detected_at) > oldest);
  };

  async function load(): Promise<void> {
    const version = await cache.get(ALERT_VERSION_KEY);
    checkedAt = now();
    if (loads > 0 && version === cacheVersion) return;
    events = parseEvents(await cache.get(ALERT_EVENTS_KEY));
    cacheVersion = version;
    loads++;
  }

  return {
    async events() {
      if (now() - checkedAt >= refreshMs) {
        inFlight ??= load()
          .catch((error: unknown) => options.onError?.(error))
          .finally(() => {
            inFlight = undefined;
          });
        await inFlight;
      }
      return withinRetention(events);
    },
    get version() {
      return `${String(cacheVersion ?? 0)}.${loads}`;
    },
    async append(added) {
      if (added.length === 0) return;
      const [storedValue, storedVersion] = await cache.getMany([ALERT_EVENTS_KEY, ALERT_VERSION_KEY]);
      const stored = parseEvents(storedValue);
      const seen = new Set(added.map((event) => event.id));
      const merged = withinRetention([...added, ...stored.filter((event) => !seen.has(event.id))])
        .sort((a, b) => Date.parse(b.detected_at) - Date.parse(a.detected_at))
        .slice(0, settings.max_events);
      // Strictly increasing even for two writes in one millisecond.
      const version = Math.max(now(), (typeof storedVersion === 'number' ? storedVersion : 0) + 1);
      await cache.setMany(
        [
          [ALERT_EVENTS_KEY, merged],
          [ALERT_VERSION_KEY, version],
        ],
        { ttlSeconds: settings.retention_s },
      );
      events = merged;
      cacheVersion = version;
      checkedAt = now();
      loads++;
    },
  };
}
