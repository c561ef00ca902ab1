import { type AlertStore, createAlertStore } from '../alerts/alert-store.ts';
import type { RuntimeHealth } from '../api/health.ts';
import { type AvailabilityView, createAvailabilityView } from '../availability/availability-view.ts';
import { type BookingPolicy, DEFAULT_BOOKING_POLICY } from '../booking/booking-target.ts';
import type { CacheDriver } from '../cache/cache.ts';
import { memoryDriver } from '../cache/drivers/memory.ts';
import { dataDir as defaultDataDir } from '../config/data-dir.ts';
import type { OperatorAccount } from '../operators/access/operator-settings.ts';
import { createOperatorAccess, type OperatorAccess } from '../operators/access/session.ts';
import { type AuditLog, createAuditLog } from '../operators/audit/audit-log.ts';
import { type LiveCentres, openOperatorData } from '../operators/overrides/live-centres.ts';
import type { OverrideStore } from '../operators/overrides/override-store.ts';
import { getGazetteer } from '../places/gazetteer.ts';
import type { PushService } from '../push/push-api.ts';
import type { CentreIndex } from '../registry/centre-index.ts';
import { loadRegistry } from '../registry/load-registry.ts';
import { publicRegistrySource } from '../registry/public-source.ts';
import type { RegistryFile } from '../registry/registry-file.ts';
import { createReportLimiter, createReportStore, type ReportStore } from '../reports/report-store.ts';
import type { SearchSources } from '../search/sources.ts';
import { createResponseMemo, type ResponseCaching, type ResponseMemo } from '../shared/http.ts';
import type { RateLimiter } from '../shared/rate-limit.ts';

/**
 * Everything a page or an API route reads: built once at start, shared by every request. The routes
 * pass it whole; the modules below them take the part they read (`SearchSources`, `ResponseCaching`).
 */
export interface AppContext extends SearchSources, ResponseCaching {
  runtimeHealth: RuntimeHealth;
  /** Slot alerts as stored by the alert engine (src/alerts/): what the Atom feeds list. */
  alerts: AlertStore;
  startedAt: Date;
  /** Booking hosts `/go` redirects to beyond the known platforms (config `booking.allowed_hosts`). */
  booking: BookingPolicy;
  /** Web Push (src/push/): the VAPID settings and the subscriptions; null until configured. */
  push: PushService | null;
  /** Operator accounts and sessions (src/operators/access/session.ts): no account, no operator feature. */
  operators: OperatorAccess;
  /** Residents' reports (src/reports/), and the per-address limit on sending them. */
  reports: ReportStore;
  reportLimiter: RateLimiter;
  /** The operators' overrides (src/operators/overrides/), applied on top of the imported registry. */
  overrides: OverrideStore;
  /** `centres` itself: the registry as imported and the overrides' live application. */
  liveCentres: LiveCentres;
  /** The operators' append-only audit log. */
  audit: AuditLog;
}

// The server entry (run by Node from src/) and the pages (bundled by Astro into dist/) are two
// copies of this module: the context lives on globalThis so that both see the same one.
const CONTEXT_KEY = Symbol.for('creneau.app-context');
type Holder = { [CONTEXT_KEY]?: Promise<AppContext> };

export interface AppContextParts {
  registry?: RegistryFile;
  availability?: AvailabilityView;
  pollIntervalS?: number;
  runtimeHealth?: RuntimeHealth;
  alerts?: AlertStore;
  directory?: string;
  booking?: BookingPolicy;
  push?: PushService | null;
  /** The app's clock (default: the system's); tests move it to serve another day. */
  now?: () => Date;
  /** The cache driver: sessions, rate-limit counts and (when shared) reports live in it. */
  cache?: CacheDriver;
  /** Config `operators`. */
  operatorAccounts?: readonly OperatorAccount[];
  /** The data directory (`reports.json` when the cache is not shared). */
  dataDir?: string;
}

export async function loadAppContext(parts: AppContextParts = {}): Promise<AppContext> {
  const gazetteer = getGazetteer();
  const registry = parts.registry ?? (await loadRegistry(gazetteer, parts.directory));
  const { centres, ...meta } = registry;
  const now = parts.now ?? (() => new Date());
  const operatorDir = parts.dataDir ?? parts.directory ?? defaultDataDir();
  // The operators' decisions on top of the import; under Redis, re-read every 2 s so all instances agree.
  const operatorData = await openOperatorData(centres, { dataDir: operatorDir, cache: parts.cache, now });
  const index = operatorData.centres;
  // Without a poller (e.g. `astro dev`), an empty in-memory cache: every centre shows "unknown".
  const availability = parts.availability ?? createAvailabilityView(memoryDriver({}));
  return {
    gazetteer,
    // The file's path or the import URL (with its token) stay with the operator (docs/SECURITY.md).
    registry: { ...meta, source: publicRegistrySource(meta.source) },
    centres: index,
    availability,
    responses: listedMemo(createResponseMemo(), index),
    pollIntervalS: parts.pollIntervalS ?? 120,
    runtimeHealth: parts.runtimeHealth ?? (async () => ({})),
    // Without the server entry, no engine writes: feeds are valid and empty.
    alerts: parts.alerts ?? createAlertStore(memoryDriver({})),
    startedAt: new Date(),
    booking: parts.booking ?? DEFAULT_BOOKING_POLICY,
    push: parts.push ?? null,
    operators: createOperatorAccess({ accounts: parts.operatorAccounts ?? [], cache: parts.cache }),
    reports: createReportStore({ cache: parts.cache, dataDir: operatorDir, now }),
    reportLimiter: createReportLimiter(parts.cache),
    overrides: operatorData.overrides,
    liveCentres: operatorData.centres,
    audit: createAuditLog({ dataDir: operatorDir, cache: parts.cache, now }),
    now,
  };
}

/**
 * Shared answers are memoised by data version; the centres they list also change with the day
 * (a centre closes, another opens: registry/lifecycle.ts), so the day is part of their version.
 */
function listedMemo(memo: ResponseMemo, centres: Pick<CentreIndex, 'listingKey'>): ResponseMemo {
  return {
    get: (key, version, build, serialise) =>
      memo.get(key, `${version}|${centres.listingKey()}`, build, serialise),
    get size() {
      return memo.size;
    },
  };
}

/** The running app's context, loaded on first use (so `astro dev` works without the server entry). */
export function getAppContext(): Promise<AppContext> {
  const holder = globalThis as Holder;
  holder[CONTEXT_KEY] ??= loadAppContext();
  return holder[CONTEXT_KEY];
}

/** Installs a context built elsewhere (the server entry at start, tests). */
export function setAppContext(context: AppContext | Promise<AppContext>): void {
  (globalThis as Holder)[CONTEXT_KEY] = Promise.resolve(context);
}
