import type { CacheDriver } from '../../cache/cache.ts';
import type { Centre } from '../../registry/centre.ts';
import { type CentreIndex, type CentreIndexOptions, createCentreIndex } from '../../registry/centre-index.ts';
import { type AppliedOverrides, applyOverrides } from './apply.ts';
import type { Override } from './override.ts';
import { createOverrideStore, type OverrideStore } from './override-store.ts';

/**
 * The public view of the registry with the operators' overrides on top, replaced whole when they
 * change: every output reads `CentreIndex`, and the answers memoised by data version add
 * `listingKey()`, which carries the overrides' generation, so a decision reaches the pages, the
 * map's markers and the feeds at their next request.
 */
export interface LiveCentres extends CentreIndex {
  /** The centres as imported, before any override. */
  imported(): readonly Centre[];
  /** What the last application did: which overrides found their centre, which did not. */
  lastApplied(): AppliedOverrides;
  /** Applies these overrides to the imported centres and serves the result. */
  apply(overrides: readonly Override[]): void;
}

export function createLiveCentres(
  imported: readonly Centre[],
  overrides: readonly Override[],
  options: CentreIndexOptions = {},
): LiveCentres {
  let generation = 0;
  let applied = applyOverrides(imported, overrides);
  let index = createCentreIndex(applied.centres, options);
  const delegate = (reserved: boolean): CentreIndex => {
    const current = () => (reserved ? index.withReserved() : index);
    return {
      get size() {
        return current().size;
      },
      byId: (id) => current().byId(id),
      near: (origin, near) => current().near(origin, near),
      inDepartement: (code) => current().inDepartement(code),
      inCommune: (insee) => current().inCommune(insee),
      withPostcode: (postcode) => current().withPostcode(postcode),
      all: () => current().all(),
      listingKey: () => {
        const key = current().listingKey();
        return generation === 0 ? key : `o${generation}|${key}`;
      },
      withReserved: () => reservedView,
    };
  };
  const reservedView = delegate(true);
  return {
    ...delegate(false),
    get size() {
      return index.size;
    },
    imported: () => imported,
    lastApplied: () => applied,
    apply(next) {
      applied = applyOverrides(imported, next);
      index = createCentreIndex(applied.centres, options);
      generation += 1;
    },
  };
}

export interface OperatorData {
  overrides: OverrideStore;
  centres: LiveCentres;
  /** Re-reads the overrides (the shared cache's when Redis) and applies them if they moved. */
  sync(): Promise<boolean>;
  stop(): void;
}

export interface OperatorDataOptions extends CentreIndexOptions {
  dataDir: string;
  cache?: CacheDriver | undefined;
  /** How often an instance looks for another's decisions under a shared cache (default 2 s). */
  syncIntervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The overrides store and the live view for the app context. Under a shared cache every instance
 * looks at the overrides' revision every `syncIntervalMs`, so a decision taken on one is applied by all.
 * A broken overrides file is the operator's to fix: it is reported and the registry served as imported.
 */
export async function openOperatorData(
  imported: readonly Centre[],
  options: OperatorDataOptions,
): Promise<OperatorData> {
  const overrides = createOverrideStore({
    dataDir: options.dataDir,
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  let initial: Override[] = [];
  try {
    initial = await overrides.list();
  } catch (error) {
    options.onError?.(error);
  }
  const centres = createLiveCentres(imported, initial, options);
  let running: Promise<boolean> | null = null;
  const sync = (): Promise<boolean> => {
    running ??= (async () => {
      try {
        if (!(await overrides.refresh())) return false;
        centres.apply(await overrides.list());
        return true;
      } catch (error) {
        options.onError?.(error);
        return false;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = options.cache?.shared
    ? setInterval(() => void sync(), options.syncIntervalMs ?? 2_000)
    : undefined;
  timer?.unref();
  return { overrides, centres, sync, stop: () => clearInterval(timer) };
}
