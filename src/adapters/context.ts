import PQueue from 'p-queue';
import { Agent, type RequestInit as UndiciRequestInit, fetch as undiciFetch } from 'undici';
import {
  type ProviderSettings,
  type ProviderSettingsInput,
  ProviderSettings as ProviderSettingsSchema,
} from '../config/provider-settings.ts';
import type { Centre } from '../registry/centre.ts';
import { type Logger, logger } from '../shared/logger.ts';
import type { Adapter } from './define-adapter.ts';

/**
 * Request options adapters pass. `timeoutMs` counts from when the request is actually sent, not from
 * when it joined the provider's rate-limit queue: a busy queue must not turn into false timeouts.
 */
export type AdapterRequestInit = RequestInit & { timeoutMs?: number };

/** The one HTTP function adapters use; the WHATWG signature, so tests can inject the global fetch (msw). */
export type FetchLike = (input: string | URL, init?: AdapterRequestInit) => Promise<Response>;

const STARTS_TIMEOUTS = Symbol('creneau.starts-timeouts');
type TimedFetch = FetchLike & { [STARTS_TIMEOUTS]?: true };

/**
 * The last step before the network: starts the request's `timeoutMs` now. Queues wrap this, so the
 * clock starts when a request leaves the queue. Marks its result so it is never wrapped twice.
 */
export function startingTimeouts(fetch: FetchLike): FetchLike {
  if ((fetch as TimedFetch)[STARTS_TIMEOUTS]) return fetch;
  const timed: TimedFetch = (input, init) => {
    if (!init?.timeoutMs) return fetch(input, init);
    const { timeoutMs, ...rest } = init;
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(input, { ...rest, signal: rest.signal ? AbortSignal.any([rest.signal, timeout]) : timeout });
  };
  timed[STARTS_TIMEOUTS] = true;
  return timed;
}

/** Marks a fetch that already starts timeouts inside its own queue (the poller's provider lanes). */
export function startsTimeouts(fetch: FetchLike): FetchLike {
  (fetch as TimedFetch)[STARTS_TIMEOUTS] = true;
  return fetch;
}

/** True for the error a request's own timeout aborted it with. */
export function isTimeoutError(error: unknown): boolean {
  if (!(error instanceof Error) && !(error instanceof DOMException)) return false;
  if (error.name === 'TimeoutError') return true;
  const cause = (error as Error).cause;
  return cause instanceof Error || cause instanceof DOMException ? cause.name === 'TimeoutError' : false;
}

/** `ProviderSettings` with the base URL decided (the config's, else the adapter's default). */
export type ResolvedProviderSettings = ProviderSettings & { base_url: string };

/** Services an adapter receives, in the spirit of Astro's loader context: nothing global inside adapters. */
export interface AdapterContext<O = unknown> {
  /** The adapter's name, also bound on `logger`. */
  readonly provider: string;
  readonly settings: ResolvedProviderSettings;
  /** The adapter's own options, parsed by its `optionsSchema` (undefined without one). */
  readonly options: O;
  /** Rate-limited (settings.rate_limit, settings.concurrency); timeouts are added per request by http.ts. */
  readonly fetch: FetchLike;
  readonly logger: Logger;
  /** Aborts everything in flight (poller shutdown); an abort by this signal is rethrown, not reported. */
  readonly signal: AbortSignal;
  /** The clock: injected so tests freeze it. */
  now(): Date;
  /** Centres of the current registry, for adapters that map a feed onto them (smart). */
  centres(): readonly Centre[];
}

export interface AdapterContextInit {
  /** Raw or parsed settings; validated here (throws a ZodError on bad values). */
  settings?: ProviderSettingsInput;
  /** Adapter-specific options, validated by the adapter's `optionsSchema`. */
  options?: unknown;
  /** Default: undici's fetch over a shared keep-alive Agent. */
  fetch?: FetchLike;
  logger?: Logger;
  signal?: AbortSignal;
  now?: () => Date;
  centres?: () => readonly Centre[];
  /** Set false when the caller already rate-limits requests. Default true. */
  rateLimit?: boolean;
}

let sharedAgent: Agent | undefined;

/**
 * Node's global fetch bundles its own undici, which rejects dispatchers from the undici package
 * ("invalid onRequestStart method"), so the keep-alive Agent goes with undici's own fetch.
 */
export function defaultFetch(): FetchLike {
  sharedAgent ??= new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 64 });
  const dispatcher = sharedAgent;
  return (input, init) =>
    undiciFetch(input, { ...(init as UndiciRequestInit), dispatcher }) as unknown as Promise<Response>;
}

function rateLimited(fetch: FetchLike, settings: ProviderSettings): FetchLike {
  const queue = new PQueue({
    concurrency: settings.concurrency,
    intervalCap: settings.rate_limit.requests,
    interval: settings.rate_limit.per_seconds * 1000,
  });
  return (input, init) => queue.add(() => fetch(input, init), init?.signal ? { signal: init.signal } : {});
}

/**
 * Builds the context for one provider. Create it once per provider and share it across centres:
 * its rate limit, keep-alive connections and the smart adapter's feed cache live with it.
 */
export function createAdapterContext<O>(
  adapter: Adapter<O>,
  init: AdapterContextInit = {},
): AdapterContext<O> {
  const parsed = ProviderSettingsSchema.parse(init.settings ?? {});
  const settings: ResolvedProviderSettings = {
    ...parsed,
    base_url: parsed.base_url ?? adapter.defaultBaseUrl,
  };
  const options = (adapter.optionsSchema ? adapter.optionsSchema.parse(init.options ?? {}) : undefined) as O;
  const fetch = startingTimeouts(init.fetch ?? defaultFetch());
  const centres = init.centres ?? (() => []);
  return {
    provider: adapter.name,
    settings,
    options,
    fetch: init.rateLimit === false ? fetch : rateLimited(fetch, settings),
    logger: (init.logger ?? logger).child({ provider: adapter.name }),
    signal: init.signal ?? new AbortController().signal,
    now: init.now ?? (() => new Date()),
    centres,
  };
}
