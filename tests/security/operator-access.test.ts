import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/operators/access/password.ts';
import { LOGIN_LIMITS } from '../../src/operators/access/session.ts';
import { type RunningServer, repoRoot, startServer, tempDataDir } from '../support/server.ts';

// Issue 14, point 5: nothing of the console is reachable without a session (401, 403 or a redirect
// to the sign-in), a change without the CSRF token is refused, brute force is slowed, operator
// answers are never shared-cached nor framable, and no operator feature exists until an account
// is configured.

const PASSWORD = 'un mot de passe assez long';

/** Every console route as the file system routes them (src/pages/operateur/**, src/pages/api/operateur/**), params filled. */
function consoleRoutes(): string[] {
  return consoleFiles().map((file) => file.route);
}

/** Each console route with the methods it defines (an endpoint's exports; a page answers any method). */
function consoleFiles(): Array<{ route: string; methods: string[] }> {
  const routes: Array<{ route: string; methods: string[] }> = [];
  const walk = (dir: string, base: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${base}/${name.replace(/^\[.*\]$/, 'x')}`);
      else if (/\.(astro|ts)$/.test(name) && !/^connexion\./.test(name)) {
        const stem = name.replace(/\.(astro|ts)$/, '').replace(/^\[.*\]/, 'x');
        const source = readFileSync(full, 'utf8');
        const methods = name.endsWith('.astro')
          ? ['GET', 'POST']
          : ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].filter((method) =>
              new RegExp(`export (const|async function|function) ${method}\\b`).test(source),
            );
        routes.push({ route: stem === 'index' ? base : `${base}/${stem}`, methods });
      }
    }
  };
  walk(path.join(repoRoot, 'src/pages/operateur'), '/operateur');
  walk(path.join(repoRoot, 'src/pages/api/operateur'), '/api/operateur');
  return routes;
}

async function ask(
  server: RunningServer,
  pathname: string,
  init: { method?: string; cookie?: string; body?: URLSearchParams; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${server.url}${pathname}`, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: {
      origin: server.url,
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...init.headers,
    },
    ...(init.body ? { body: init.body.toString() } : {}),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/**
 * Where a request without a session ends: its status, after following redirects that stay inside
 * the console (a GET of an action route sends back to the queue, which sends to the sign-in).
 */
async function outcome(server: RunningServer, route: string, method: string) {
  let answer = await ask(server, route, {
    method,
    ...(method === 'POST' ? { body: new URLSearchParams({ a: '1' }) } : {}),
  });
  const seen = [answer];
  for (let hop = 0; hop < 3 && answer.status === 303; hop += 1) {
    const location = answer.headers.get('location') ?? '';
    if (location.startsWith('/operateur/connexion') || !location.startsWith('/operateur')) break;
    answer = await ask(server, location);
    seen.push(answer);
  }
  return { answer, seen };
}

const signInForm = (password: string, name = 'alice') =>
  new URLSearchParams({ name, password, retour: '/operateur' });

describe('operator access, no account configured', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { CRENEAU_POLLER: 'off' } });
  }, 300_000);
  afterAll(async () => server?.stop());

  it('has no operator feature: sign-in and console answer 404', async () => {
    expect((await ask(server, '/operateur/connexion')).status).toBe(404);
    expect(
      (await ask(server, '/operateur/connexion', { method: 'POST', body: signInForm(PASSWORD) })).status,
    ).toBe(404);
    for (const route of consoleRoutes())
      for (const method of ['GET', 'POST'])
        expect([401, 403, 404], `${method} ${route}`).toContain(
          (await outcome(server, route, method)).answer.status,
        );
  });
});

describe('operator access, one account configured', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const dir = tempDataDir();
    const config = path.join(dir, 'creneau.config.json');
    writeFileSync(
      config,
      JSON.stringify({ operators: [{ name: 'alice', password_hash: await hashPassword(PASSWORD) }] }),
    );
    server = await startServer({ env: { CRENEAU_POLLER: 'off', CRENEAU_CONFIG: config } });
  }, 300_000);
  afterAll(async () => server?.stop());

  it('refuses every console route and API without a session, for reading and for changing', async () => {
    const routes = consoleFiles();
    expect(routes.length).toBeGreaterThan(0);
    for (const { route, methods } of routes) {
      for (const method of ['GET', 'POST']) {
        const { answer, seen } = await outcome(server, route, method);
        if (!methods.includes(method)) {
          // A method the route does not define reaches nothing.
          expect([404, 405], `${method} ${route}`).toContain(answer.status);
          continue;
        }
        const toSignIn =
          answer.status === 303 && (answer.headers.get('location') ?? '').startsWith('/operateur/connexion');
        expect(toSignIn || [401, 403].includes(answer.status), `${method} ${route}: ${answer.status}`).toBe(
          true,
        );
        for (const step of seen)
          expect(step.headers.get('cache-control'), `${method} ${route}`).toMatch(/no-store/);
      }
    }
  });

  it('serves the sign-in page uncacheable and unframable, and signs in into an HttpOnly SameSite=Strict cookie', async () => {
    const page = await ask(server, '/operateur/connexion');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const wrong = await ask(server, '/operateur/connexion', {
      method: 'POST',
      body: signInForm('pas le bon'),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(wrong.body).not.toContain('pas le bon');

    const ok = await ask(server, '/operateur/connexion', { method: 'POST', body: signInForm(PASSWORD) });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/operateur');
    const setCookie = ok.headers.get('set-cookie') ?? '';
    // Over plain http on 127.0.0.1 (tests) the cookie cannot be Secure; behind https it is (unit tests).
    expect(setCookie).toMatch(
      /^creneau_operateur=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict/,
    );
    const cookie = setCookie.split(';')[0] as string;

    const console = await ask(server, '/operateur', { cookie });
    expect(console.status).toBe(200);
    expect(console.headers.get('cache-control')).toMatch(/private, no-store|no-store/);
    expect(console.headers.get('x-frame-options')).toBe('DENY');

    // A change without the session's token is refused: here, signing out; the session survives it.
    const forged = await ask(server, '/operateur/connexion', {
      method: 'POST',
      cookie,
      body: new URLSearchParams({ intent: 'sign-out' }),
    });
    expect(forged.status).toBe(403);
    expect((await ask(server, '/operateur', { cookie })).status).toBe(200);
    // A cross-site form is refused before anything runs.
    const crossSite = await ask(server, '/operateur/connexion', {
      method: 'POST',
      body: signInForm(PASSWORD),
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);

    // Signed in, the sign-in page offers to sign out, with the session's token.
    const signedIn = await ask(server, '/operateur/connexion', { cookie });
    expect(signedIn.status).toBe(200);
    const token = /name="csrf_token" value="([^"]+)"/.exec(signedIn.body)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const out = await ask(server, '/operateur/connexion', {
      method: 'POST',
      cookie,
      body: new URLSearchParams({ intent: 'sign-out', csrf_token: token ?? '' }),
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    const after = await ask(server, '/operateur', { cookie });
    expect(after.status).toBe(303);
  });

  it('slows brute force: past the limit even the right password is refused with Retry-After', async () => {
    const headers = { 'x-forwarded-for': '198.51.100.23' };
    for (let i = 0; i < LOGIN_LIMITS.address.limit; i += 1) {
      const answer = await ask(server, '/operateur/connexion', {
        method: 'POST',
        body: signInForm(`essai ${i}`),
        headers,
      });
      expect(answer.status).toBe(401);
    }
    const blocked = await ask(server, '/operateur/connexion', {
      method: 'POST',
      body: signInForm(PASSWORD),
      headers,
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.headers.get('set-cookie')).toBeNull();
    // The limit is per address (the proxy's X-Forwarded-For from a loopback peer): another one signs in.
    const other = await ask(server, '/operateur/connexion', {
      method: 'POST',
      body: signInForm(PASSWORD),
      headers: { 'x-forwarded-for': '198.51.100.24' },
    });
    expect(other.status).toBe(303);
  });

  it('refuses a POST anywhere else, and a body over the cap', async () => {
    expect(
      (await ask(server, '/recherche', { method: 'POST', body: new URLSearchParams({ a: '1' }) })).status,
    ).toBe(405);
    const big = new URLSearchParams({ name: 'alice', password: 'x'.repeat(70 * 1024) });
    expect((await ask(server, '/operateur/connexion', { method: 'POST', body: big })).status).toBe(413);
  });
});
