import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AvailabilityView } from '../availability/availability-view.ts';
import { REDIRECT_CACHE_CONTROL } from '../booking/redirect.ts';
import type { CentreIndex } from '../registry/centre-index.ts';
import { withDeadline } from '../shared/deadline.ts';
import { sharedCacheControl } from '../shared/http.ts';
import type { Logger } from '../shared/logger.ts';
import { type NodeHandler, type Rendered, renderWithAstro } from './astro-render.ts';
import { createClientErrorLog } from './client-error-log.ts';
import { type Built, createMemo } from './memo.ts';
import { createOverloadGate, eventLoopLag, type LagSource } from './overload.ts';
import { refusalPage, shedPage } from './plain-pages.ts';
import { readBody } from './post-body.ts';
import { type Prepared, prepare } from './prepared.ts';
import {
  ALLOW_HEADER,
  clientAddressOf,
  hostPolicy,
  linkOriginOf,
  POST_BODY_LIMIT,
  refusalOf,
} from './request-checks.ts';
import { normaliseTarget, type Policy, policyFor } from './routes.ts';
import type { ResponseSettings } from './settings.ts';
import type { ResponseStats } from './stats.ts';
import { writePrepared } from './write.ts';

export interface ResponsePathOptions {
  /** Astro's Node handler: renders every route (pages and API alike). */
  astro: NodeHandler;
  /**
   * Built client files (`/_astro/*`, `public/`, prerendered pages, a page's English twin for
   * `lang=en`: src/server/static-assets.ts), or a lookup for tests.
   */
  staticFile: (pathname: string, search: string) => Prepared | null;
  /**
   * Given the body of a 404 Astro answered, the prerendered not-found page filled and in the
   * request's language when that body is its raw file (Astro serves it from disk as it is); else null.
   */
  notFoundPage?: (body: Buffer, search: string) => Prepared | null;
  app: {
    availability: Pick<AvailabilityView, 'version'>;
    centres: Pick<CentreIndex, 'listingKey'>;
    pollIntervalS: number;
  };
  settings: ResponseSettings;
  /**
   * CRENEAU_PUBLIC_URL, the origin every rendered link is built from whatever `Host` said; null when
   * not configured (the embedded default): links then use the request's Host only when it is a
   * loopback or listed host (a developer's own machine), else `fallbackUrl`.
   */
  publicUrl: string | null;
  fallbackUrl: string;
  tileUrl: string;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** Longest a visitor waits for a render (default: the setting, 5 s). */
  renderTimeoutMs?: number;
  /** Event-loop lag (default: the process's own, measured); tests inject theirs. */
  lag?: LagSource;
  now?: () => number;
}

class RenderTimeout extends Error {}

interface Resolved {
  target: { pathname: string; search: string };
  policy: Policy;
  file: Prepared | null;
}
/** Targets remembered by the response path (`resolve`): at most this many, this long. */
const MAX_REMEMBERED_TARGETS = 20_000;
const MAX_REMEMBERED_TARGET = 300;

/** Seconds a shed visitor is asked to wait: long enough for a peak's burst, short for a person. */
const SHED_RETRY_AFTER_S = 5;
/** Visitor headers a render never sees: the writer answers them (encoding, conditionals), links ignore Host. */
const NOT_FORWARDED = new Set([
  'host',
  'x-forwarded-host',
  'if-none-match',
  'if-modified-since',
  'accept-encoding',
  'connection',
]);

/**
 * The one response path: every request goes through the boundary (method, Host, target), then is
 * answered from a static file, from prepared bytes kept per (normalised request, data version), or
 * by a render of its own, and is always written by `writePrepared`. Nothing a request carries, or a
 * route writes, escapes as an exception: a failure is a 500 page, and the process goes on.
 */
export function createResponsePath(options: ResponsePathOptions) {
  const { app, settings, logger } = options;
  const now = options.now ?? Date.now;
  const lag = options.lag ?? eventLoopLag();
  const memo = createMemo({ maxBytes: settings.memoBytes, refreshMs: settings.refreshMs, now });
  const gate = createOverloadGate({
    lag,
    lagThresholdMs: settings.lagThresholdMs,
    renderQueueMax: settings.renderQueueMax,
    waitBudgetMs: settings.renderWaitBudgetMs,
    now,
  });
  const hosts = hostPolicy(options.publicUrl ?? options.fallbackUrl, settings.allowedHosts);
  const configured = options.publicUrl === null ? null : new URL(options.publicUrl);
  const fallback = new URL(options.fallbackUrl);
  /** The origin links are built from for this request (responses/request-checks.ts, linkOrigin). */
  const originFor = (req: IncomingMessage): URL =>
    configured ?? linkOriginOf(req.headers.host, settings.allowedHosts) ?? fallback;
  const clientError = createClientErrorLog(logger);
  const context = { tileUrl: options.tileUrl };
  const write = (req: IncomingMessage, res: ServerResponse, prepared: Prepared) =>
    writePrepared(req, res, prepared, context);

  const versionOf = (kind: 'data' | 'listing') =>
    kind === 'data' ? `${app.availability.version}|${app.centres.listingKey()}` : app.centres.listingKey();

  async function render(
    origin: URL,
    url: string,
    method: 'GET' | 'OPTIONS' | 'POST',
    visitor: IncomingHttpHeaders | null,
    defaultCacheControl: (status: number) => string,
    post?: { body: Buffer; remoteAddress: string },
  ): Promise<Built> {
    const headers: IncomingHttpHeaders = {};
    if (visitor) {
      for (const [name, value] of Object.entries(visitor))
        if (!NOT_FORWARDED.has(name)) headers[name] = value;
    } else headers.accept = '*/*';
    headers.host = origin.host;
    if (post) {
      delete headers['transfer-encoding'];
      headers['content-length'] = String(post.body.byteLength);
    }
    const secure = origin.protocol === 'https:';
    const renderTimeoutMs = options.renderTimeoutMs ?? settings.renderTimeoutMs;
    const rendered = await withDeadline(
      renderWithAstro(options.astro, { method, url, headers, secure, ...post }),
      renderTimeoutMs,
      () => new RenderTimeout(`render took longer than ${renderTimeoutMs} ms`),
    );
    if (rendered.status === 404 && options.notFoundPage) {
      const page = options.notFoundPage(rendered.body, url.includes('?') ? url.slice(url.indexOf('?')) : '');
      if (page) return { prepared: page, keep: false };
    }
    const routeHeaders = { ...rendered.headers };
    routeHeaders['cache-control'] ??= defaultCacheControl(rendered.status);
    return {
      prepared: await prepare(rendered.status, routeHeaders, rendered.body),
      keep: keepable(rendered, routeHeaders),
    };
  }

  const memoCacheControl = (status: number) =>
    status >= 500
      ? 'no-store'
      : status < 300
        ? sharedCacheControl(app.pollIntervalS)
        : status < 400
          ? REDIRECT_CACHE_CONTROL
          : 'public, max-age=60';
  const liveCacheControl = (status: number) => (status >= 500 ? 'no-store' : 'no-cache');

  /**
   * What a request target means (its canonical form, its policy, its static file), worked out once
   * per distinct target: the hot URLs of a peak (`/go/{id}`, a big town's results) are then answered
   * without parsing anything. Bounded: only short targets are remembered, and the table starts over
   * when full, so a flood of random URLs costs one parse each, as before.
   */
  const resolvedTargets = new Map<string, Resolved | null>();
  function resolve(raw: string): Resolved | null {
    const known = resolvedTargets.get(raw);
    if (known !== undefined) return known;
    const target = normaliseTarget(raw);
    const resolved = target
      ? {
          target,
          policy: policyFor(target.pathname, target.search),
          file: options.staticFile(target.pathname, target.search),
        }
      : null;
    if (raw.length <= MAX_REMEMBERED_TARGET) {
      if (resolvedTargets.size >= MAX_REMEMBERED_TARGETS) resolvedTargets.clear();
      resolvedTargets.set(raw, resolved);
    }
    return resolved;
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = refusalOf(req, hosts);
    if (refusal) {
      clientError({ status: refusal.status, reason: refusal.reason, method: req.method, path: req.url });
      return write(
        req,
        res,
        refusalPage(refusal.status, refusal.status === 405 ? { allow: ALLOW_HEADER } : {}),
      );
    }
    const resolved = resolve(req.url ?? '/');
    if (!resolved) {
      clientError({ status: 400, reason: 'target', method: req.method, path: req.url });
      return write(req, res, refusalPage(400));
    }
    const { target } = resolved;
    if (req.method === 'POST') {
      // A form (a report, the operators' pages): body read whole (capped), rendered for this request, never kept.
      const body = await readBody(req, POST_BODY_LIMIT);
      if (!body) return write(req, res, refusalPage(413));
      if (!gate.admit()) return write(req, res, shedPage(req.url, SHED_RETRY_AFTER_S));
      const url = `${target.pathname}${target.search}`;
      const post = { body, remoteAddress: clientAddressOf(req) };
      const origin = originFor(req);
      const built = await gate
        .run(() => render(origin, url, 'POST', req.headers, liveCacheControl, post))
        .catch(shedOnTimeout);
      return write(req, res, built.prepared);
    }
    if (req.method !== 'OPTIONS' && resolved.file) return write(req, res, resolved.file);
    const policy: Policy =
      req.method === 'OPTIONS'
        ? { kind: 'render', url: `${target.pathname}${target.search}` }
        : resolved.policy;
    if (policy.kind === 'render') {
      if (!gate.admit()) return write(req, res, shedPage(req.url, SHED_RETRY_AFTER_S));
      const method = req.method === 'OPTIONS' ? 'OPTIONS' : 'GET';
      const origin = originFor(req);
      const built = await gate
        .run(() => render(origin, policy.url, method, req.headers, liveCacheControl))
        .catch(shedOnTimeout);
      return write(req, res, built.prepared);
    }
    const origin = originFor(req);
    // Links are the only thing the origin changes; in production it is always the configured one.
    const key =
      origin.origin === (configured ?? fallback).origin ? policy.key : `${origin.origin}${policy.key}`;
    const version = versionOf(policy.version);
    const make = () => gate.run(() => render(origin, policy.key, 'GET', null, memoCacheControl));
    const found = memo.lookup(key, version);
    if (found?.current) return write(req, res, found.entry.prepared);
    if (found) {
      // The data moved on: one rebuild for the key. While the server is busy (or that rebuild has run
      // past the wait budget), everyone gets the
      // previous bytes at once and the rebuild runs behind them; otherwise visitors wait for that
      // one rebuild (a render, milliseconds), so that answers read together agree. A failed rebuild
      // serves the previous bytes too.
      const slow = (memo.buildingFor(key) ?? 0) > settings.renderWaitBudgetMs;
      const rebuild = memo.build(key, version, make);
      if (slow || gate.busy()) {
        rebuild.catch((error: unknown) =>
          logger.error(
            { err: error, key },
            'could not rebuild a prepared response; the previous one is served',
          ),
        );
        return write(req, res, found.entry.prepared);
      }
      try {
        const built = await rebuild;
        return write(req, res, built.prepared.status >= 500 ? found.entry.prepared : built.prepared);
      } catch (error) {
        logger.error(
          { err: error, key },
          'could not rebuild a prepared response; the previous one is served',
        );
        return write(req, res, found.entry.prepared);
      }
    }
    // A first visitor starts a render only if the gate admits one; later ones wait for it, unless it
    // has already run past the wait budget: they are then shed at once rather than left hanging.
    const running = memo.buildingFor(key);
    if (running === null ? !gate.admit() : !gate.admitWaiter(running))
      return write(req, res, shedPage(req.url, SHED_RETRY_AFTER_S));
    const built = await memo.build(key, version, make).catch(shedOnTimeout);
    write(req, res, built.prepared);
  }

  /** A render past its deadline: the visitor gets the shed page rather than waiting on. */
  function shedOnTimeout(error: unknown): Built {
    if (!(error instanceof RenderTimeout)) throw error;
    logger.error({ err: error }, 'a render took too long; answered with the overload page');
    return { prepared: shedPage(undefined, SHED_RETRY_AFTER_S), keep: false };
  }

  function fail(req: IncomingMessage, res: ServerResponse, error: unknown) {
    logger.error({ err: error, method: req.method, path: req.url?.slice(0, 200) }, 'request failed');
    try {
      if (!res.headersSent) return write(req, res, refusalPage(500));
    } catch {
      // The socket may be gone; nothing more can be said on it.
    }
    res.destroy();
  }

  return {
    /** The server's request listener: never throws, never rejects. */
    handle(req: IncomingMessage, res: ServerResponse): void {
      res.on('error', () => {});
      try {
        answer(req, res).catch((error: unknown) => fail(req, res, error));
      } catch (error) {
        fail(req, res, error);
      }
    },
    stats(): ResponseStats {
      return {
        memo: {
          ...memo.counters,
          bytes: memo.bytes,
          entries: memo.size,
          building: memo.building,
          maxBytes: settings.memoBytes,
        },
        overload: {
          lagMs: gate.lagMs(),
          inFlight: gate.inFlight,
          expectedWaitMs: gate.expectedWaitMs(),
          shed: gate.counters.shed,
          lagThresholdMs: settings.lagThresholdMs,
          renderQueueMax: settings.renderQueueMax,
          renderWaitBudgetMs: settings.renderWaitBudgetMs,
        },
      };
    },
    stop: () => lag.stop(),
  };
}

/**
 * Kept for everyone: a success or a redirect (an error page is not: random unknown ids would push
 * the hot pages out of the budget), no cookie, nothing that says it is private or not to be stored.
 */
function keepable(rendered: Rendered, headers: Record<string, string | string[]>): boolean {
  const cacheControl = String(headers['cache-control'] ?? '');
  return (
    rendered.status < 400 && headers['set-cookie'] === undefined && !/no-store|private/i.test(cacheControl)
  );
}
