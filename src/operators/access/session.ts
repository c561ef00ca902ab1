import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CacheDriver } from '../../cache/cache.ts';
import { createRateLimiter, type RateLimiter } from '../../shared/rate-limit.ts';
import type { OperatorAccount } from './operator-settings.ts';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from './password.ts';

/** A signed-in operator, as the console routes see one. */
export interface OperatorSession {
  name: string;
  /** Sent back with every change: a form field `csrf_token` or the header `X-CSRF-Token`. */
  csrfToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Where sessions live: the cache driver (Redis when several instances run, so all of them know a session). */
export type SessionKv = Pick<CacheDriver, 'get' | 'set' | 'delete'>;

export interface OperatorAccess {
  accounts: readonly OperatorAccount[];
  sessions: SessionKv;
  /** Sign-in attempts per client address. */
  loginByAddress: RateLimiter;
  /** Sign-in attempts per account name, whoever tries. */
  loginByName: RateLimiter;
  sessionTtlS: number;
  now: () => number;
}

/** What the functions below read of the app context. */
export interface OperatorAccessParts {
  operators: OperatorAccess;
}

export interface OperatorAccessOptions {
  accounts?: readonly OperatorAccount[];
  /** The app's cache driver: sessions and sign-in counts are shared when it is (Redis). */
  cache?: (SessionKv & { increment?: CacheDriver['increment'] | undefined }) | undefined;
  sessionTtlS?: number | undefined;
  now?: (() => number) | undefined;
}

/** Eight hours: a working day, after which the operator signs in again. */
export const SESSION_TTL_S = 8 * 3600;
/** Sign-in attempts: 10 per address and 5 minutes, 20 per account name and 15 minutes. */
export const LOGIN_LIMITS = {
  address: { limit: 10, windowS: 300 },
  name: { limit: 20, windowS: 900 },
} as const;

const SESSION_PREFIX = 'operator:session:';
/** Over https (or any non-loopback origin) the cookie is `__Host-` prefixed: Secure, Path=/, no Domain. */
const SECURE_COOKIE = '__Host-creneau_operateur';
const PLAIN_COOKIE = 'creneau_operateur';
const CSRF_FIELD = 'csrf_token';
const CSRF_HEADER = 'x-csrf-token';

export function createOperatorAccess(options: OperatorAccessOptions = {}): OperatorAccess {
  const now = options.now ?? Date.now;
  const cache = options.cache ?? null;
  const sessions = cache ?? inProcessKv(now);
  return {
    accounts: options.accounts ?? [],
    sessions,
    loginByAddress: createRateLimiter({ cache, prefix: 'login-address', now, ...LOGIN_LIMITS.address }),
    loginByName: createRateLimiter({ cache, prefix: 'login-name', now, ...LOGIN_LIMITS.name }),
    sessionTtlS: options.sessionTtlS ?? SESSION_TTL_S,
    now,
  };
}

/** No operator feature is on until an account is configured. */
export function operatorsConfigured(ctx: OperatorAccessParts): boolean {
  return ctx.operators.accounts.length > 0;
}

/**
 * The `Secure` cookie is used unless the site is reached over plain http on this machine (a
 * developer's `npm start`, tests): browsers drop a Secure cookie set over http elsewhere.
 */
export function cookieIsSecure(request: Request): boolean {
  const url = new URL(request.url);
  return !(url.protocol === 'http:' && /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i.test(url.hostname));
}

function cookieName(request: Request): string {
  return cookieIsSecure(request) ? SECURE_COOKIE : PLAIN_COOKIE;
}

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at === -1) continue;
    if (part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return /^[A-Za-z0-9_-]{32,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

const sessionKey = (token: string) =>
  `${SESSION_PREFIX}${createHash('sha256').update(token).digest('base64url')}`;

/** The operator signed in on this request, or null (no cookie, unknown, expired, or no account configured). */
export async function operatorFromRequest(
  request: Request,
  ctx: OperatorAccessParts,
): Promise<OperatorSession | null> {
  if (!operatorsConfigured(ctx)) return null;
  const token = readCookie(request, cookieName(request));
  if (!token) return null;
  const stored = await ctx.operators.sessions.get<OperatorSession>(sessionKey(token));
  if (!stored || typeof stored.name !== 'string' || typeof stored.csrfToken !== 'string') return null;
  if (!(stored.expiresAt > ctx.operators.now())) return null;
  // An account removed from the configuration ends its sessions at the next restart.
  if (!ctx.operators.accounts.some((account) => account.name === stored.name)) return null;
  return stored;
}

/**
 * True when a change carries the session's CSRF token (form field `csrf_token`, or header
 * `X-CSRF-Token` for the API) and, when the browser says where it comes from, comes from this site.
 */
export function checkCsrf(
  request: Request,
  form: FormData | URLSearchParams | null,
  session: OperatorSession | null,
): boolean {
  if (!session) return false;
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== new URL(request.url).origin) return false;
  if (request.headers.get('sec-fetch-site') === 'cross-site') return false;
  const sent = form?.get(CSRF_FIELD) ?? request.headers.get(CSRF_HEADER);
  if (typeof sent !== 'string' || sent.length === 0) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type SignInResult =
  | { ok: true; session: OperatorSession; setCookie: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'limited'; retryAfterS: number };

/**
 * Checks a name and password (scrypt; an unknown name costs the same as a wrong password) after
 * the sign-in limits (per address and per name, counted before the check so that a guesser is slowed
 * whatever the outcome); opens a session on success.
 */
export async function signIn(
  request: Request,
  ctx: OperatorAccessParts,
  credentials: { name: string; password: string },
  clientAddress: string,
): Promise<SignInResult> {
  const access = ctx.operators;
  const name = credentials.name.trim().slice(0, 64);
  const byAddress = await access.loginByAddress.hit(clientAddress);
  const byName = await access.loginByName.hit(name.toLowerCase());
  if (!byAddress.allowed || !byName.allowed)
    return {
      ok: false,
      reason: 'limited',
      retryAfterS: Math.max(byAddress.retryAfterS, byName.retryAfterS),
    };
  const account = access.accounts.find((candidate) => candidate.name === name);
  const password = credentials.password.slice(0, MAX_PASSWORD_LENGTH + 1);
  const valid = await verifyPassword(password, account?.password_hash ?? (await decoyHash()));
  if (!account || !valid) return { ok: false, reason: 'invalid' };
  const token = randomBytes(32).toString('base64url');
  const session: OperatorSession = {
    name: account.name,
    csrfToken: randomBytes(32).toString('base64url'),
    expiresAt: access.now() + access.sessionTtlS * 1000,
  };
  await access.sessions.set(sessionKey(token), session, { ttlSeconds: access.sessionTtlS });
  return { ok: true, session, setCookie: sessionCookie(request, token, access.sessionTtlS) };
}

/** Ends the request's session (if any); the header that clears the cookie. */
export async function signOut(request: Request, ctx: OperatorAccessParts): Promise<string> {
  const token = readCookie(request, cookieName(request));
  if (token) await ctx.operators.sessions.delete(sessionKey(token));
  return sessionCookie(request, '', 0);
}

function sessionCookie(request: Request, value: string, maxAgeS: number): string {
  const secure = cookieIsSecure(request);
  return [
    `${secure ? SECURE_COOKIE : PLAIN_COOKIE}=${value}`,
    'Path=/',
    `Max-Age=${maxAgeS}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Every operator answer: never kept by a shared cache or the response memo, never framed. */
export const OPERATOR_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'private, no-store',
  'x-frame-options': 'DENY',
};

export const SIGN_IN_PATH = '/operateur/connexion';

export type OperatorGuard = { ok: true; session: OperatorSession } | { ok: false; response: Response };

/**
 * The guard of every `/operateur/**` page and `/api/operateur/**` route: 404 while no account is
 * configured; without a session, a page redirects to the sign-in (303, with `?retour=`), the API
 * answers 401; a change (any method but GET/HEAD) without the session's CSRF token answers 403.
 * Pass `form` for a POSTed form (read it once and hand it here); the API sends `X-CSRF-Token`.
 */
export async function requireOperator(
  request: Request,
  ctx: OperatorAccessParts,
  options: { kind: 'page' | 'api'; form?: FormData | URLSearchParams | null },
): Promise<OperatorGuard> {
  if (!operatorsConfigured(ctx)) return { ok: false, response: refusal(404, options.kind, 'not_found') };
  const session = await operatorFromRequest(request, ctx);
  if (!session) {
    if (options.kind === 'api') return { ok: false, response: refusal(401, 'api', 'unauthorized') };
    const url = new URL(request.url);
    const back = request.method === 'GET' ? `${url.pathname}${url.search}` : '/operateur';
    const location = `${SIGN_IN_PATH}?retour=${encodeURIComponent(back)}${url.searchParams.get('lang') === 'en' ? '&lang=en' : ''}`;
    return {
      ok: false,
      response: new Response(null, { status: 303, headers: { ...OPERATOR_HEADERS, location } }),
    };
  }
  const changing = request.method !== 'GET' && request.method !== 'HEAD';
  if (changing && !checkCsrf(request, options.form ?? null, session))
    return { ok: false, response: refusal(403, options.kind, 'csrf') };
  return { ok: true, session };
}

/**
 * The guard of an operator's Astro page, which answers through `Astro.response`: with a session,
 * the page's own answer gets {@link OPERATOR_HEADERS} (never cached, never framed); without one, the
 * page returns `guard.response` instead.
 */
export async function guardOperatorPage(
  request: Request,
  ctx: OperatorAccessParts,
  pageHeaders: Headers,
): Promise<OperatorGuard> {
  const guard = await requireOperator(request, ctx, { kind: 'page' });
  if (guard.ok) for (const [name, value] of Object.entries(OPERATOR_HEADERS)) pageHeaders.set(name, value);
  return guard;
}

function refusal(status: 401 | 403 | 404, kind: 'page' | 'api', code: string): Response {
  if (kind === 'api')
    return new Response(JSON.stringify({ error: { code, status } }), {
      status,
      headers: { ...OPERATOR_HEADERS, 'content-type': 'application/json; charset=utf-8' },
    });
  return new Response(status === 404 ? 'Not found' : status === 403 ? 'Forbidden' : 'Unauthorized', {
    status,
    headers: { ...OPERATOR_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
  });
}

/** A same-site `retour=` target (a path under /operateur), else the console's home. */
export function safeReturnPath(value: string | null | undefined): string {
  if (typeof value !== 'string' || value.length > 500) return '/operateur';
  return /^\/operateur(?:[/?#]|$)/.test(value) && !value.includes('\\') && !value.startsWith('//')
    ? value
    : '/operateur';
}

/** Sessions without a cache driver (tests, `astro dev`): this process only. */
function inProcessKv(now: () => number): SessionKv {
  const values = new Map<string, { value: unknown; expiresAt: number }>();
  return {
    async get<T>(key: string) {
      const found = values.get(key);
      if (!found) return undefined;
      if (found.expiresAt <= now()) {
        values.delete(key);
        return undefined;
      }
      return found.value as T;
    },
    async set(key, value, options) {
      values.set(key, { value, expiresAt: now() + (options?.ttlSeconds ?? SESSION_TTL_S) * 1000 });
    },
    async delete(key) {
      values.delete(key);
    },
  };
}
