import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    env: { CRENEAU_POLLER: 'off', CRENEAU_PUBLIC_URL: 'https://creneau.example' },
  });
}, 300_000);
afterAll(async () => server?.stop());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers });

describe('alert feeds served by the real server', () => {
  it('serves /alertes/communes/{insee}.atom and /alertes/departements/{code}.atom as Atom', async () => {
    for (const [path, self] of [
      [
        '/alertes/communes/35238.atom?rayon=15',
        'https://creneau.example/alertes/communes/35238.atom?rayon=15',
      ],
      ['/alertes/departements/2A.atom', 'https://creneau.example/alertes/departements/2A.atom'],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
      const $ = cheerio.load(await response.text(), { xml: true });
      expect($('feed').attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
      expect($('feed > link[rel="self"]').attr('href')).toBe(self);
      expect($('feed > id').text()).toBe(self);
      expect(Number.isNaN(Date.parse($('feed > updated').text()))).toBe(false);
    }
  });

  it('answers 304 when the feed has not changed', async () => {
    const etag = (await get('/alertes/departements/35.atom')).headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await get('/alertes/departements/35.atom', { 'if-none-match': etag })).status).toBe(304);
  });

  it('answers 404 for an unknown commune and 400 for a bad radius', async () => {
    expect((await get('/alertes/communes/35999.atom')).status).toBe(404);
    const bad = await get('/alertes/communes/35238.atom?rayon=900');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });
});
