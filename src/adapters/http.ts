import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { z } from 'zod';
import { type AdapterContext, isTimeoutError } from './context.ts';
import { ProviderError } from './errors.ts';
import { isPrivateHost } from './private-address.ts';

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Statuses to hand back instead of mapping to an error (e.g. 304 for conditional GETs). */
  accept?: readonly number[];
}

/** Redirect statuses followed (RFC 9110 §15.4); 304 is not one: it answers a conditional GET. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * GETs a URL with the context's fetch, the settings' timeout and headers, and maps every failure
 * to a `ProviderError` kind. The one place that decides what a status or a network error means.
 * Redirects are followed here, not by fetch, so that each hop is judged on its own: the partner's
 * headers go to the configured origin only (a redirect elsewhere loses them), and a redirect to a
 * loopback or private address from another host is refused unless the operator allows it.
 */
export async function get(
  ctx: AdapterContext,
  url: string | URL,
  options: RequestOptions = {},
): Promise<Response> {
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await ctx.fetch(current, {
        headers: { accept: 'application/json', ...credentialsFor(ctx, current), ...options.headers },
        redirect: 'manual',
        signal: ctx.signal,
        timeoutMs: ctx.settings.timeout_ms,
      });
    } catch (error) {
      throw failureOf(ctx, error);
    }
    const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null;
    if (location === null) {
      if (response.ok || options.accept?.includes(response.status)) return response;
      await response.body?.cancel().catch(() => {});
      throw errorForStatus(response.status, response.headers.get('retry-after'), ctx.now(), String(current));
    }
    await response.body?.cancel().catch(() => {});
    const next = URL.parse(location, current);
    const refused = next
      ? (redirectProblem(ctx, current, next) ?? (await resolvedAddressProblem(ctx, next)))
      : 'not a URL';
    if (refused || hop >= MAX_REDIRECTS) {
      const why = refused ?? `more than ${MAX_REDIRECTS} redirects`;
      ctx.logger.warn({ url: String(current), location, why }, 'provider redirect refused');
      throw new ProviderError('bad_response', `redirect from ${pathOf(current)} refused: ${why}`);
    }
    current = next as URL;
  }
}

/** Why the poller must not follow a redirect from `from` to `to`, or null when it may. */
export function redirectProblem(ctx: AdapterContext, from: URL, to: URL): string | null {
  if (to.protocol !== 'https:' && to.protocol !== 'http:') return `${to.protocol} is not http(s)`;
  if (from.protocol === 'https:' && to.protocol === 'http:') return 'https downgraded to http';
  return privateAddressProblem(ctx, to);
}

/**
 * `privateAddressProblem` for a host name: one that resolves to a loopback, link-local or private
 * address (`metadata.internal`, `127.0.0.1.nip.io`) is refused the same way. Checked when following a
 * redirect, the one place a provider picks a host outside the configured origins.
 */
export async function resolvedAddressProblem(ctx: AdapterContext, url: URL): Promise<string | null> {
  if (ctx.settings.allow_private_addresses) return null;
  if (url.host === new URL(ctx.settings.base_url).host || isIP(url.hostname.replace(/^\[|\]$/g, '')))
    return null;
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(url.hostname, { all: true });
  } catch {
    // Unresolvable: the request fails on its own, as unreachable.
    return null;
  }
  const privateOne = addresses.find(({ address }) => isPrivateHost(address));
  return privateOne
    ? `${url.hostname} resolves to ${privateOne.address}, a loopback, link-local or private address`
    : null;
}

/**
 * Why a URL a provider handed out (not the operator) must not be fetched: it names a loopback,
 * link-local or private address on another host than the configured `base_url`'s, and the operator
 * did not allow it (`allow_private_addresses`, set for the embedded simulator). Null when it may be.
 */
export function privateAddressProblem(ctx: AdapterContext, url: URL): string | null {
  if (ctx.settings.allow_private_addresses) return null;
  if (url.host === new URL(ctx.settings.base_url).host) return null;
  return isPrivateHost(url.hostname) ? `${url.hostname} is a loopback, link-local or private address` : null;
}

/** GETs JSON and validates it; anything that does not fit is `bad_response`, never guessed at. */
export async function getJson<S extends z.ZodType>(
  ctx: AdapterContext,
  url: string | URL,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const response = await get(ctx, url, options);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw bodyFailure(ctx, response, error);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    ctx.logger.warn({ url: String(url), bytes: text.length }, 'provider answered invalid JSON');
    throw new ProviderError('bad_response', `invalid JSON from ${pathOf(url)}`);
  }
  return parseBody(ctx, schema, body, url);
}

/** Validates a decoded body; logs the path of the first mismatch, the clue to a schema drift. */
export function parseBody<S extends z.ZodType>(
  ctx: AdapterContext,
  schema: S,
  body: unknown,
  url: string | URL,
): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map(String).join('.') || '(root)' : '(root)';
  ctx.logger.warn(
    { url: String(url), path, issue: issue?.message },
    'provider response does not match its schema',
  );
  throw new ProviderError(
    'bad_response',
    `unexpected response from ${pathOf(url)} at ${path}: ${issue?.message ?? ''}`,
  );
}

export function errorForStatus(
  status: number,
  retryAfter: string | null,
  now: Date,
  url: string,
): ProviderError {
  const where = pathOf(url);
  if (status === 404 || status === 410) return new ProviderError('not_found', `${status} from ${where}`);
  if (status === 401 || status === 403) return new ProviderError('blocked', `${status} from ${where}`);
  if (status === 429) {
    return new ProviderError('rate_limited', `429 from ${where}`, parseRetryAfter(retryAfter, now));
  }
  if (status >= 500) {
    return new ProviderError('unreachable', `${status} from ${where}`, parseRetryAfter(retryAfter, now));
  }
  return new ProviderError('bad_response', `${status} from ${where}`);
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** Maps an error met while reading a body that `get` returned (the timeout covers the body too). */
export function bodyFailure(ctx: AdapterContext, _response: Response, error: unknown): unknown {
  return failureOf(ctx, error);
}

function failureOf(ctx: AdapterContext, error: unknown): unknown {
  // Our caller's abort (shutdown) is not the provider's fault: let it propagate as is.
  if (ctx.signal.aborted) return ctx.signal.reason;
  if (isTimeoutError(error))
    return new ProviderError('timeout', `no answer within ${ctx.settings.timeout_ms} ms`);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError('unreachable', `${message}${cause}`);
}

/** Credentials go to the provider's own origin only, never to hosts a feed points at. */
function credentialsFor(ctx: AdapterContext, url: string | URL): Record<string, string> {
  return new URL(url).origin === new URL(ctx.settings.base_url).origin ? ctx.settings.headers : {};
}

function pathOf(url: string | URL): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}`;
}
