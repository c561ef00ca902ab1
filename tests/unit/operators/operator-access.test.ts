import { describe, expect, it } from 'vitest';
import { OperatorAccount, OperatorSettings } from '../../../src/operators/access/operator-settings.ts';
import { hashPassword, isPasswordHash, verifyPassword } from '../../../src/operators/access/password.ts';
import {
  checkCsrf,
  createOperatorAccess,
  guardOperatorPage,
  LOGIN_LIMITS,
  operatorFromRequest,
  requireOperator,
  safeReturnPath,
  signIn,
  signOut,
} from '../../../src/operators/access/session.ts';
import { createRateLimiter } from '../../../src/shared/rate-limit.ts';
import { FakeClock } from '../../support/fake-clock.ts';

// Issue 14, point 5: scrypt hashes only, sessions in an HttpOnly SameSite=Strict cookie with an
// expiry, CSRF on every change, sign-in attempts limited, nothing without an account configured.

const PASSWORD = 'correct horse battery staple';
const hash = await hashPassword(PASSWORD);
const SITE = 'https://creneau.example';

function request(
  pathname: string,
  init: { method?: string; cookie?: string; headers?: Record<string, string> } = {},
) {
  return new Request(`${SITE}${pathname}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
  });
}

const cookieOf = (setCookie: string) => setCookie.split(';')[0] as string;

/** A sign-in on the sign-in page from `address`: as alice with her password unless told otherwise. */
function signInFrom(
  access: Parameters<typeof signIn>[1],
  address: string,
  credentials: { name?: string; password?: string } = {},
) {
  const { name = 'alice', password = PASSWORD } = credentials;
  return signIn(request('/operateur/connexion'), access, { name, password }, address);
}

describe('passwords', () => {
  it('hashes with scrypt and salt, verifies, and accepts no plain password as a hash', async () => {
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, hash)).toBe(false);
    expect(isPasswordHash(PASSWORD)).toBe(false);
    expect(OperatorAccount.safeParse({ name: 'alice', password_hash: PASSWORD }).success).toBe(false);
    expect(
      OperatorSettings.safeParse([
        { name: 'alice', password_hash: hash },
        { name: 'Alice', password_hash: hash },
      ]).success,
    ).toBe(false);
  });
});

describe('sessions and the guard', () => {
  const clock = new FakeClock('2021-05-01T08:00:00Z');
  const ctx = {
    operators: createOperatorAccess({ accounts: [{ name: 'alice', password_hash: hash }], now: clock.now }),
  };

  it('answers 404 for everything while no account is configured', async () => {
    const none = { operators: createOperatorAccess({ accounts: [] }) };
    const page = await requireOperator(request('/operateur'), none, { kind: 'page' });
    expect(page.ok === false && page.response.status).toBe(404);
  });

  it('redirects pages and refuses the API without a session', async () => {
    const page = await requireOperator(request('/operateur/signalements?lang=en'), ctx, { kind: 'page' });
    expect(page.ok).toBe(false);
    if (page.ok) return;
    expect(page.response.status).toBe(303);
    expect(page.response.headers.get('location')).toBe(
      '/operateur/connexion?retour=%2Foperateur%2Fsignalements%3Flang%3Den&lang=en',
    );
    expect(page.response.headers.get('cache-control')).toBe('private, no-store');
    const api = await requireOperator(request('/api/operateur/reports'), ctx, { kind: 'api' });
    expect(api.ok === false && api.response.status).toBe(401);
    const forged = await requireOperator(
      request('/api/operateur/reports', { cookie: `__Host-creneau_operateur=${'a'.repeat(43)}` }),
      ctx,
      { kind: 'api' },
    );
    expect(forged.ok).toBe(false);
  });

  it("marks a page's own answer private and unframed only once its session is checked", async () => {
    const signedOut = new Headers();
    const refused = await guardOperatorPage(request('/operateur/journal'), ctx, signedOut);
    expect(refused.ok === false && refused.response.status).toBe(303);
    expect([...signedOut.keys()]).toEqual([]);

    const signed = await signInFrom(ctx, '192.0.2.9');
    if (!signed.ok) throw new Error('sign-in failed');
    const pageHeaders = new Headers({ 'content-type': 'text/html' });
    const guard = await guardOperatorPage(
      request('/operateur/journal', { cookie: cookieOf(signed.setCookie) }),
      ctx,
      pageHeaders,
    );
    expect(guard.ok && guard.session.name).toBe('alice');
    expect(pageHeaders.get('cache-control')).toBe('private, no-store');
    expect(pageHeaders.get('x-frame-options')).toBe('DENY');
    expect(pageHeaders.get('content-type')).toBe('text/html');
    await signOut(request('/operateur', { cookie: cookieOf(signed.setCookie) }), ctx);
  });

  it('signs in into a Secure, HttpOnly, SameSite=Strict cookie with an expiry, and out', async () => {
    expect((await signInFrom(ctx, '192.0.2.1', { password: 'wrong' })).ok).toBe(false);
    expect((await signInFrom(ctx, '192.0.2.1', { name: 'bob' })).ok).toBe(false);
    const result = await signInFrom(ctx, '192.0.2.1');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.setCookie).toMatch(
      /^__Host-creneau_operateur=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Strict; Secure$/,
    );
    const cookie = cookieOf(result.setCookie);
    const session = await operatorFromRequest(request('/operateur', { cookie }), ctx);
    expect(session?.name).toBe('alice');
    const guard = await requireOperator(request('/operateur', { cookie }), ctx, { kind: 'page' });
    expect(guard.ok).toBe(true);

    // A change needs the session's token, from this site.
    const post = (headers: Record<string, string>) =>
      request('/api/operateur/x', { method: 'POST', cookie, headers });
    expect((await requireOperator(post({}), ctx, { kind: 'api' })).ok).toBe(false);
    const refused = await requireOperator(post({ 'x-csrf-token': 'nope' }), ctx, { kind: 'api' });
    expect(refused.ok === false && refused.response.status).toBe(403);
    expect(
      (await requireOperator(post({ 'x-csrf-token': session?.csrfToken ?? '' }), ctx, { kind: 'api' })).ok,
    ).toBe(true);
    const form = new URLSearchParams({ csrf_token: session?.csrfToken ?? '' });
    expect(checkCsrf(post({}), form, session)).toBe(true);
    expect(checkCsrf(post({ origin: 'https://evil.example' }), form, session)).toBe(false);

    // Expiry: past 8 hours the cookie is worth nothing.
    await clock.advance(8 * 3600 * 1000 + 1);
    expect(await operatorFromRequest(request('/operateur', { cookie }), ctx)).toBeNull();

    const again = await signInFrom(ctx, '192.0.2.2');
    if (!again.ok) throw new Error('sign-in failed');
    const second = cookieOf(again.setCookie);
    const cleared = await signOut(request('/operateur', { cookie: second }), ctx);
    expect(cleared).toContain('Max-Age=0');
    expect(await operatorFromRequest(request('/operateur', { cookie: second }), ctx)).toBeNull();
  });

  it('uses a plain cookie only over http on this machine', async () => {
    const local = new Request('http://127.0.0.1:4321/operateur/connexion');
    const result = await signIn(local, ctx, { name: 'alice', password: PASSWORD }, '127.0.0.1');
    expect(result.ok && result.setCookie).toMatch(/^creneau_operateur=.*HttpOnly; SameSite=Strict$/);
  });

  it('slows a guesser: attempts per address and per name are limited, even with the right password', async () => {
    const limited = {
      operators: createOperatorAccess({ accounts: [{ name: 'alice', password_hash: hash }], now: clock.now }),
    };
    for (let i = 0; i < LOGIN_LIMITS.address.limit; i += 1)
      await signInFrom(limited, '192.0.2.9', { password: `guess${i}` });
    const blocked = await signInFrom(limited, '192.0.2.9');
    expect(blocked).toMatchObject({ ok: false, reason: 'limited' });
    expect(blocked.ok === false && blocked.reason === 'limited' && blocked.retryAfterS).toBeGreaterThan(0);
    // Another address is not blocked by this one's guesses...
    expect((await signInFrom(limited, '192.0.2.10')).ok).toBe(true);
    // ...and after the window the first one may try again.
    await clock.advance(LOGIN_LIMITS.address.windowS * 1000);
    expect((await signInFrom(limited, '192.0.2.9')).ok).toBe(true);
  });

  it('returns only to the console after signing in', () => {
    expect(safeReturnPath('/operateur/signalements?x=1')).toBe('/operateur/signalements?x=1');
    for (const bad of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil',
      '/recherche',
      '/operateurs',
      null,
    ])
      expect(safeReturnPath(bad)).toBe('/operateur');
  });
});

describe('rate limiter', () => {
  it('counts per key in fixed windows and says when to retry', async () => {
    const clock = new FakeClock(0);
    const limiter = createRateLimiter({ limit: 2, windowS: 10, now: clock.now });
    expect((await limiter.hit('a')).allowed).toBe(true);
    expect((await limiter.hit('a')).allowed).toBe(true);
    await clock.advance(4_000);
    expect(await limiter.hit('a')).toEqual({ allowed: false, retryAfterS: 6, count: 3 });
    expect((await limiter.hit('b')).allowed).toBe(true);
    await clock.advance(6_000);
    expect((await limiter.hit('a')).allowed).toBe(true);
  });
});
