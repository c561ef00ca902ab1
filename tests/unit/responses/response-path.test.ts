import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeHandler } from '../../../src/responses/astro-render.ts';
import { sameSiteHref } from '../../../src/responses/plain-pages.ts';
import { fakeAstro, send, serve } from './serve.ts';

const big = (label: string) =>
  `<!doctype html><p>${label}</p>${'<li>Centre de vaccination</li>'.repeat(200)}`;

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('the response path', () => {
  it('renders equivalent requests once: parameter order, the default language, empty values, campaign tags, a trailing slash', async () => {
    const astro = fakeAstro((url) => ({ body: big(url) }));
    const server = await serve(astro.handler);
    close = server.close;
    const equivalent = [
      '/recherche?commune=35238&rayon=20',
      '/recherche?rayon=20&commune=35238',
      '/recherche/?rayon=20&commune=35238&lang=fr',
      '/recherche?commune=35238&q=&rayon=20&utm_source=sms',
      '/recherche?commune=35238&rayon=20&page=1',
      '/%72echerche?commune=35238&rayon=20',
    ];
    const bodies = new Set<string>();
    for (const path of equivalent) {
      const answer = await send(server.base, path);
      expect(answer.status, path).toBe(200);
      bodies.add(answer.body.toString());
    }
    expect(astro.renders).toEqual(['/recherche?commune=35238&rayon=20']);
    expect(bodies.size).toBe(1);
    expect(server.path.stats().memo).toMatchObject({ entries: 1, misses: 1, hits: equivalent.length - 1 });
    // `$`, `:` and `@` stay as they are in the rendered path (Astro matches `/smart/$bulk-publish` literally).
    await send(server.base, '/smart/%24bulk-publish');
    expect(astro.renders.at(-1)).toBe('/smart/$bulk-publish');
    // The language is part of the key: English is another entry.
    await send(server.base, '/recherche?commune=35238&rayon=20&lang=en');
    expect(astro.renders).toHaveLength(3);
  });

  it('renders with the public origin as Host and none of the visitor’s headers', async () => {
    const astro = fakeAstro((_url, headers) => ({ body: JSON.stringify(headers) }));
    const server = await serve(astro.handler);
    close = server.close;
    const answer = await send(server.base, '/centres/abc', {
      headers: { host: 'evil.example', cookie: 'a=b', 'if-none-match': '"x"', 'accept-language': 'en' },
    });
    const seen = JSON.parse(answer.body.toString()) as Record<string, string>;
    expect(seen.host).toBe('creneau.example');
    expect(seen).not.toHaveProperty('cookie');
    expect(seen).not.toHaveProperty('if-none-match');
    expect(seen).not.toHaveProperty('accept-language');
  });

  it('gives a new ETag when the data changes after one rebuild per key; when busy, serves the previous bytes while it runs', async () => {
    let release: () => void = () => {};
    let hold = false;
    let generation = 0;
    const renders: string[] = [];
    const server = await serve((req, res) => {
      renders.push(req.url ?? '');
      const body = big(`generation ${++generation}`);
      const finish = () => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(body);
      };
      if (hold) {
        new Promise<void>((resolve) => {
          release = resolve;
        }).then(finish);
      } else finish();
    });
    close = server.close;
    const first = await send(server.base, '/communes/35238');
    expect(first.body.toString()).toContain('generation 1');
    server.world.state.version = 'v2';
    server.world.state.now += 5_000;
    hold = true;
    // Not busy: the visitors after the change wait for one rebuild and all get the new bytes.
    const waiting = [send(server.base, '/communes/35238'), send(server.base, '/communes/35238')];
    await expect.poll(() => renders.length).toBe(2);
    release();
    for (const answer of await Promise.all(waiting)) expect(answer.body.toString()).toContain('generation 2');
    const second = await send(server.base, '/communes/35238');
    expect(second.headers.etag).not.toBe(first.headers.etag);
    // Busy (lag past half the threshold, still under it): the previous bytes at once, one rebuild behind.
    server.world.state.version = 'v3';
    server.world.state.now += 5_000;
    server.lag.set(150);
    for (let i = 0; i < 3; i++) {
      const during = await send(server.base, '/communes/35238');
      expect(during.body.toString()).toContain('generation 2');
      expect(during.headers.etag).toBe(second.headers.etag);
    }
    expect(renders).toHaveLength(3);
    release();
    await expect.poll(() => server.path.stats().memo.building).toBe(0);
    const after = await send(server.base, '/communes/35238');
    expect(after.body.toString()).toContain('generation 3');
    expect(renders).toHaveLength(3);
  });

  it('makes concurrent first visitors of a key wait for one render (no stampede)', async () => {
    let release: () => void = () => {};
    const renders: string[] = [];
    const server = await serve((req, res) => {
      renders.push(req.url ?? '');
      new Promise<void>((resolve) => {
        release = resolve;
      }).then(() => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(big('once'));
      });
    });
    close = server.close;
    const visitors = Array.from({ length: 5 }, () => send(server.base, '/centres/hot'));
    await expect.poll(() => renders.length).toBe(1);
    await expect.poll(() => server.path.stats().memo.misses).toBe(5);
    release();
    const answers = await Promise.all(visitors);
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([200]));
    expect(renders).toHaveLength(1);
  });

  it('answers 304 to a matching If-None-Match, with the same validators and caching', async () => {
    const server = await serve(fakeAstro(() => ({ body: big('x') })).handler);
    close = server.close;
    const first = await send(server.base, '/api/v1/departements/35');
    const again = await send(server.base, '/api/v1/departements/35', {
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
    expect(first.headers['cache-control']).toBe(
      'public, max-age=30, stale-while-revalidate=60, stale-if-error=1200',
    );
  });

  it('keeps within its byte budget, least recently used out first', async () => {
    const server = await serve(fakeAstro((url) => ({ body: `${url}${'x'.repeat(300_000)}` })).handler, {
      settings: { memoBytes: 2_000_000 },
    });
    close = server.close;
    // Asked twice each: wanted pages, kept, the least recently used giving way.
    for (let i = 0; i < 12; i++) {
      await send(server.base, `/centres/c${i}`);
      await send(server.base, `/centres/c${i}`);
    }
    const { memo } = server.path.stats();
    expect(memo.bytes).toBeLessThanOrEqual(2_000_000);
    expect(memo.evictions).toBeGreaterThan(0);
    expect(memo.entries).toBeLessThan(12);
    expect((await send(server.base, '/centres/c11')).status).toBe(200);
    expect(server.path.stats().memo.hits).toBeGreaterThan(memo.hits);
  });

  it('does not let one-off URLs push out the pages asked for again and again', async () => {
    const astro = fakeAstro((url) => ({ body: `${url}${'x'.repeat(300_000)}` }));
    const server = await serve(astro.handler, { settings: { memoBytes: 2_000_000 } });
    close = server.close;
    const hot = ['/centres/h1', '/centres/h2', '/centres/h3', '/centres/h4'];
    for (const path of hot) await send(server.base, path);
    for (let i = 0; i < 20; i++) await send(server.base, `/recherche?commune=35238&x=${i}`);
    const before = astro.renders.length;
    for (const path of hot) await send(server.base, path);
    expect(astro.renders.length).toBe(before);
    expect(server.path.stats().memo.notAdmitted).toBeGreaterThan(0);
  });

  it('never keeps a server error: the previous bytes stay and the error is not served from memory', async () => {
    let fail = false;
    const server = await serve(
      fakeAstro(() => (fail ? { status: 500, body: 'Internal Server Error' } : { body: big('good') }))
        .handler,
    );
    close = server.close;
    await send(server.base, '/centres/a');
    fail = true;
    server.world.state.version = 'v2';
    server.world.state.now += 5_000;
    const during = await send(server.base, '/centres/a');
    expect(during.status).toBe(200);
    expect(during.body.toString()).toContain('good');
    expect((await send(server.base, '/centres/a')).status).toBe(200);
    const fresh = await send(server.base, '/centres/never-seen');
    expect(fresh.status).toBe(500);
    expect(fresh.headers['cache-control']).toBe('no-store');
    expect(server.path.stats().memo.entries).toBe(1);
  });
});

describe('compression', () => {
  it('sends Brotli or gzip by q-value, made once, decompressing to the identity bytes; br;q=0 means no Brotli', async () => {
    const astro = fakeAstro(() => ({ body: big('compressed') }));
    const server = await serve(astro.handler);
    close = server.close;
    const identity = await send(server.base, '/recherche?commune=35238');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toBe('Accept-Encoding');
    const br = await send(server.base, '/recherche?commune=35238', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
    expect(br.body.byteLength).toBeLessThan(identity.body.byteLength / 5);
    for (const header of ['br;q=0, gzip', 'gzip;q=1, br;q=0.5', 'gzip, br;q=0']) {
      const gz = await send(server.base, '/recherche?commune=35238', {
        headers: { 'accept-encoding': header },
      });
      expect(gz.headers['content-encoding'], header).toBe('gzip');
      expect(gunzipSync(gz.body).equals(identity.body)).toBe(true);
    }
    const none = await send(server.base, '/recherche?commune=35238', {
      headers: { 'accept-encoding': 'br;q=0, gzip;q=0' },
    });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(identity.body)).toBe(true);
    expect(astro.renders).toHaveLength(1);
  });

  it('leaves tiny bodies and images alone', async () => {
    const server = await serve(
      fakeAstro((url) =>
        url.includes('png')
          ? { headers: { 'content-type': 'image/png' }, body: 'p'.repeat(5000) }
          : { headers: { 'content-type': 'application/json' }, body: '{"ok":true}' },
      ).handler,
    );
    close = server.close;
    for (const path of ['/api/v1/centres/tiny', '/centres/png']) {
      const answer = await send(server.base, path, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(answer.headers['content-encoding'], path).toBeUndefined();
      expect(answer.headers.vary, path).toBeUndefined();
    }
  });
});

describe('overload', () => {
  it('sheds new uncached renders with a static 503 under lag, while kept bytes are still served', async () => {
    const astro = fakeAstro((url) => ({ body: big(url) }));
    const server = await serve(astro.handler);
    close = server.close;
    await send(server.base, '/recherche?commune=35238');
    server.lag.set(1_000);
    const cached = await send(server.base, '/recherche?commune=35238');
    expect(cached.status).toBe(200);
    const shed = await send(server.base, '/recherche?commune=75056&rayon=10');
    expect(shed.status).toBe(503);
    expect(shed.headers['retry-after']).toBe('5');
    expect(shed.headers['cache-control']).toBe('no-store');
    const html = shed.body.toString();
    expect(html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(html).toContain('href="tel:+33800009110"');
    expect(html).toContain('href="/recherche?commune=75056&#38;rayon=10"');
    expect(html.indexOf('Beaucoup de monde')).toBeLessThan(html.indexOf('Very busy'));
    expect(astro.renders).toHaveLength(1);
    expect(server.path.stats().overload).toMatchObject({ shed: 1, lagMs: 1_000 });

    const api = await send(server.base, '/api/v1/centres?commune=75056');
    expect(api.status).toBe(503);
    expect(JSON.parse(api.body.toString())).toMatchObject({ error: { code: 'overloaded' } });
    expect(api.headers['access-control-allow-origin']).toBe('*');
    server.lag.set(0);
    expect((await send(server.base, '/recherche?commune=75056&rayon=10')).status).toBe(200);
  });

  it('sheds when too many renders are in flight', async () => {
    const waiting: Array<() => void> = [];
    const server = await serve(
      (_req, res) => {
        waiting.push(() => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('ok');
        });
      },
      { settings: { renderQueueMax: 2 } },
    );
    close = server.close;
    const first = [send(server.base, '/centres/a'), send(server.base, '/centres/b')];
    await expect.poll(() => waiting.length).toBe(2);
    const shed = await send(server.base, '/centres/c');
    expect(shed.status).toBe(503);
    expect(server.path.stats().overload.inFlight).toBe(2);
    for (const release of waiting) release();
    expect((await Promise.all(first)).map((answer) => answer.status)).toEqual([200, 200]);
  });
});

describe('overload: the wait budget (injected clock, no timer)', () => {
  /** Renders held until the test ends them, by URL. */
  function heldAstro() {
    const held = new Map<string, () => void>();
    const handler: NodeHandler = (req, res) => {
      held.set(req.url ?? '', () => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(big(req.url ?? ''));
      });
    };
    const release = (url: string) => {
      const end = held.get(url);
      if (!end) throw new Error(`no render held for ${url}`);
      held.delete(url);
      end();
    };
    return { handler, held, release };
  }

  it('sheds a new render at once when renders take longer than the budget, and admits again once they are fast', async () => {
    const astro = heldAstro();
    const server = await serve(astro.handler, { settings: { renderWaitBudgetMs: 2_000 } });
    close = server.close;
    const overload = () => server.path.stats().overload;

    const slow = send(server.base, '/centres/slow');
    await expect.poll(() => astro.held.size).toBe(1);
    expect(overload()).toMatchObject({ inFlight: 1, expectedWaitMs: 0, renderWaitBudgetMs: 2_000 });

    // The oldest render in flight has now run 2.5 s: a new one would wait as long, so it is shed.
    server.world.state.now += 2_500;
    expect(overload()).toMatchObject({ inFlight: 1, expectedWaitMs: 2_500, shed: 0 });
    const shed = await send(server.base, '/centres/new');
    expect(shed.status).toBe(503);
    expect(shed.headers['retry-after']).toBe('5');
    // A visitor of the same key does not hang on the slow render either: shed at once.
    const waiter = await send(server.base, '/centres/slow');
    expect(waiter.status).toBe(503);
    expect(overload()).toMatchObject({ inFlight: 1, shed: 2 });
    expect([...astro.held.keys()]).toEqual(['/centres/slow']);

    // It ends having taken 2.5 s: the recent render time is now past the budget. With nothing in
    // flight a render is still admitted, but none beside it.
    astro.release('/centres/slow');
    expect((await slow).status).toBe(200);
    const alone = send(server.base, '/centres/alone');
    await expect.poll(() => astro.held.size).toBe(1);
    expect(overload().expectedWaitMs).toBeGreaterThan(2_000);
    expect((await send(server.base, '/centres/beside')).status).toBe(503);
    expect(overload().shed).toBe(3);

    // A fast render brings the estimate back under the budget: renders start side by side again.
    astro.release('/centres/alone');
    expect((await alone).status).toBe(200);
    expect(overload().expectedWaitMs).toBe(0);
    const next = send(server.base, '/centres/next');
    await expect.poll(() => astro.held.size).toBe(1);
    expect(overload().expectedWaitMs).toBeLessThanOrEqual(2_000);
    const beside = send(server.base, '/centres/beside');
    await expect.poll(() => astro.held.size).toBe(2);
    astro.release('/centres/next');
    astro.release('/centres/beside');
    expect((await Promise.all([next, beside])).map((answer) => answer.status)).toEqual([200, 200]);
    expect(overload().shed).toBe(3);
    // Kept bytes are served whatever the estimate.
    server.world.state.now += 1;
    expect((await send(server.base, '/centres/slow')).status).toBe(200);
  });
});

describe('error pages', () => {
  it('are answered with short public caching but never kept, so unknown ids cannot push hot pages out', async () => {
    const astro = fakeAstro((url) =>
      url.endsWith('/hot') ? { body: big('ok') } : { status: 404, body: big('none') },
    );
    const server = await serve(astro.handler);
    close = server.close;
    await send(server.base, '/centres/hot');
    for (let i = 0; i < 5; i++) {
      const missing = await send(server.base, `/centres/unknown-${i}`);
      expect(missing.status).toBe(404);
      expect(missing.headers['cache-control']).toBe('public, max-age=60');
    }
    expect(server.path.stats().memo.entries).toBe(1);
  });
});

describe('a render that never ends', () => {
  it('gives its visitors the shed page instead of leaving them waiting', async () => {
    const server = await serve(() => {}, { renderTimeoutMs: 50 });
    close = server.close;
    const [kept, live] = await Promise.all([
      send(server.base, '/centres/stuck'),
      send(server.base, '/statut'),
    ]);
    for (const answer of [kept, live]) {
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
    }
    expect(server.path.stats().memo.entries).toBe(0);
  });
});

describe('sameSiteHref', () => {
  it('links the shed page back to a path of the site only', () => {
    expect(sameSiteHref('/recherche?commune=35238')).toBe('/recherche?commune=35238');
    for (const outside of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', undefined]) {
      expect(sameSiteHref(outside)).toBe('/');
    }
  });
});
