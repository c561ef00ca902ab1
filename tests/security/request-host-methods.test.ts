import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

// Issue 13, point 4: Host is never trusted for links (CRENEAU_PUBLIC_URL builds them; a configured
// allow-list refuses other hosts), a bad Host gets 400, a method no route takes gets 405 with
// Allow, and a client error is one log line without a stack, rate-limited.

const PUBLIC = 'https://creneau.example';

function ask(server: RunningServer, pathname: string, options: { method?: string; host?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const request = http.request(
        `${server.url}${pathname}`,
        {
          method: options.method ?? 'GET',
          headers: options.host === undefined ? {} : { host: options.host },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
          );
        },
      );
      request.on('error', reject);
      request.end();
    },
  );
}

describe('Host and methods, public URL configured', () => {
  let server: RunningServer;
  let output = '';
  beforeAll(async () => {
    server = await startServer({ env: { CRENEAU_POLLER: 'off', CRENEAU_PUBLIC_URL: PUBLIC } });
    server.process.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    server.process.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  }, 300_000);
  afterAll(async () => server?.stop());

  it('builds absolute links from CRENEAU_PUBLIC_URL whatever Host says', async () => {
    for (const pathname of ['/api/v1/vmd/35.json', '/communes/35238.csv', '/recherche.csv?commune=35238']) {
      const answer = await ask(server, pathname, { host: 'evil.example' });
      expect(answer.status, pathname).toBe(200);
      expect(answer.body, pathname).not.toContain('evil.example');
      expect(answer.body, pathname).toContain(PUBLIC);
      expect(answer.headers.vary ?? '', pathname).not.toMatch(/host/i);
    }
  });

  it('answers a Host with credentials, spaces or odd characters with 400 on every route, /healthz included', async () => {
    for (const host of [
      'user@evil.example',
      'evil.example:80@x',
      'a b',
      'exa_mple.com:99999999',
      'évil.example',
      '[::1',
    ]) {
      for (const pathname of [
        '/',
        '/healthz',
        '/recherche?commune=35238',
        '/api/v1/departements/35',
        '/go/x',
      ]) {
        const answer = await ask(server, pathname, { host });
        expect(answer.status, `${host} ${pathname}`).toBe(400);
        expect(answer.headers['cache-control']).toBe('no-store');
      }
    }
  });

  it('refuses TRACE, POST, PUT, DELETE, PATCH and CONNECT-like methods with 405 and Allow', async () => {
    for (const method of ['TRACE', 'POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND']) {
      for (const pathname of ['/', '/api/v1/centres?commune=35238', '/healthz']) {
        const answer = await ask(server, pathname, { method });
        expect(answer.status, `${method} ${pathname}`).toBe(405);
        expect(answer.headers.allow).toBe('GET, HEAD, OPTIONS');
      }
    }
    expect((await ask(server, '/api/v1/centres?commune=35238', { method: 'OPTIONS' })).status).toBe(204);
  });

  it('logs client errors as one line each without a stack trace, at most 20 a minute', async () => {
    // With the tests above, well over 20 client errors within the minute.
    for (let i = 0; i < 40; i++) await ask(server, `/x${i}`, { method: 'TRACE' });
    await ask(server, '/healthz');
    const clientErrorLines = () => output.split('\n').filter((line) => line.includes('"client error"'));
    await expect.poll(() => clientErrorLines().length).toBeGreaterThan(0);
    const lines = clientErrorLines();
    expect(lines[0]).toMatch(/"status":(400|405)/);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toMatch(/"stack"/);
    expect(server.process.exitCode).toBeNull();
  });
});

describe('Host with an allow-list (CRENEAU_ALLOWED_HOSTS)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      env: {
        CRENEAU_POLLER: 'off',
        CRENEAU_PUBLIC_URL: PUBLIC,
        CRENEAU_ALLOWED_HOSTS: 'www.creneau.example, 127.0.0.1',
      },
    });
  }, 300_000);
  afterAll(async () => server?.stop());

  it('accepts the public host and the listed ones, refuses any other with 400', async () => {
    expect((await ask(server, '/healthz', { host: 'creneau.example' })).status).toBe(200);
    expect((await ask(server, '/healthz', { host: 'www.creneau.example' })).status).toBe(200);
    expect((await ask(server, '/healthz', { host: '127.0.0.1' })).status).toBe(200);
    expect((await ask(server, '/healthz', { host: 'evil.example' })).status).toBe(400);
    expect((await ask(server, '/', { host: 'creneau.example.evil.example' })).status).toBe(400);
  });
});
