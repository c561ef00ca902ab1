import type { IncomingMessage } from 'node:http';

/** Every route reads; only the form routes below take a body. OPTIONS answers the API's CORS preflight. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;
export const ALLOW_HEADER = ALLOWED_METHODS.join(', ');

/**
 * The only routes a POST reaches (a resident's report, the operators' sign-in, console and API, Web Push
 * subscribe/unsubscribe):
 * always rendered for the request, never kept (responses/routes.ts), the body capped at `POST_BODY_LIMIT`.
 */
const POST_ROUTES =
  /^\/(?:signaler\/[^/]+|operateur(?:\/.*)?|api\/operateur(?:\/.*)?|api\/v1\/push\/(?:subscriptions|unsubscribe))$/;
export const POST_BODY_LIMIT = 64 * 1024;

export function acceptsPost(pathname: string): boolean {
  return POST_ROUTES.test(pathname);
}

/** `host` or `host:port`: a DNS name, an IPv4 address or a bracketed IPv6 address, nothing else (no `user@`). */
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/i;

export type RequestRefusal = { status: 405; reason: 'method' } | { status: 400; reason: 'host' | 'target' };

export interface HostPolicy {
  /** Hosts accepted besides any well-formed one when empty: `CRENEAU_PUBLIC_URL`'s host and `CRENEAU_ALLOWED_HOSTS`. */
  allowed: readonly string[];
  /** Whether only `allowed` hosts are accepted (set when `CRENEAU_ALLOWED_HOSTS` is). */
  strict: boolean;
}

/**
 * What the boundary refuses before any route runs: a method no route takes (405 with `Allow`), a
 * `Host` that is not a host name (or not one of the allowed ones when the operator listed them),
 * a target that is not a path. `Host` is never used for links: they are built from CRENEAU_PUBLIC_URL.
 */
export function refusalOf(req: IncomingMessage, hosts: HostPolicy): RequestRefusal | null {
  const postable = req.method === 'POST' && acceptsPost((req.url ?? '').split('?')[0] ?? '');
  if (!postable && !(ALLOWED_METHODS as readonly string[]).includes(req.method ?? ''))
    return { status: 405, reason: 'method' };
  const host = req.headers.host;
  if (host !== undefined) {
    if (!HOST.test(host)) return { status: 400, reason: 'host' };
    if (hosts.strict && !hosts.allowed.includes(host.toLowerCase().replace(/\.$/, ''))) {
      return { status: 400, reason: 'host' };
    }
  }
  const target = req.url ?? '';
  if (!target.startsWith('/') || target.startsWith('//')) return { status: 400, reason: 'target' };
  return null;
}

/** The hosts that name this site: the public URL's (with and without its port) and the listed ones. */
export function hostPolicy(publicUrl: string, listed: readonly string[]): HostPolicy {
  const url = new URL(publicUrl);
  const own = [url.host.toLowerCase(), url.hostname.toLowerCase()];
  return { allowed: [...new Set([...own, ...listed])], strict: listed.length > 0 };
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/**
 * Without CRENEAU_PUBLIC_URL (the embedded default, someone trying Créneau on their machine), links
 * may follow a `Host` naming this machine (`localhost`, `127.0.0.1`, `[::1]`, any port) or one the
 * operator listed; any other Host gets null (the caller's fallback origin). Always plain http:
 * a loopback is not behind TLS.
 */
export function linkOriginOf(host: string | undefined, listed: readonly string[]): URL | null {
  if (!host || !HOST.test(host)) return null;
  const name = host.toLowerCase();
  if (!LOOPBACK.test(name) && !listed.includes(name)) return null;
  return URL.parse(`http://${name}`);
}

/** Loopback and private-network peers: a reverse proxy on this machine or network. */
const PROXY_PEER =
  /^(?:::ffff:)?(?:127\.|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)|^::1$|^f[cd][0-9a-f]{2}:/i;
const IP = /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-f:.]{2,45})$/i;

/**
 * The visitor's address, for per-address rate limits only (never stored as it is): the peer's, or,
 * when the peer is a proxy on a loopback or private address, the last `X-Forwarded-For` entry it
 * added (what it saw). A public peer's `X-Forwarded-For` is ignored: anyone can send one.
 */
export function clientAddressOf(req: IncomingMessage): string {
  const peer = req.socket?.remoteAddress ?? '';
  if (!PROXY_PEER.test(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .at(-1);
  return forwarded && IP.test(forwarded) ? forwarded : peer;
}
