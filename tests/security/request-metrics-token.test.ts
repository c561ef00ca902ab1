import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

// Issue 13, point 6 (metrics): `/metrics` is not public. It answers only
// `Authorization: Bearer <CRENEAU_METRICS_TOKEN>`, and does not exist without a configured token.

const TOKEN = 'test-metrics-token-0123456789';

describe('/metrics with CRENEAU_METRICS_TOKEN', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { CRENEAU_POLLER: 'off', CRENEAU_METRICS_TOKEN: TOKEN } });
  }, 300_000);
  afterAll(async () => server?.stop());

  it('refuses a scrape without the token, or with another one, with 401', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const response = await fetch(`${server.url}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain('creneau_');
    }
  });

  it('serves the gauges, the response path’s included, to the bearer of the token', async () => {
    await fetch(`${server.url}/recherche?commune=35238`);
    await fetch(`${server.url}/recherche?commune=35238`);
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toMatch(/creneau_memo_hits_total [1-9]/);
    expect(text).toMatch(/creneau_memo_misses_total [1-9]/);
    expect(text).toMatch(/creneau_memo_bytes [1-9]/);
    for (const name of ['creneau_event_loop_lag_seconds', 'creneau_render_queue', 'creneau_shed_total'])
      expect(text).toContain(name);
  });
});

describe('/metrics without a configured token', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { CRENEAU_POLLER: 'off' } });
  }, 300_000);
  afterAll(async () => server?.stop());

  it('does not exist', async () => {
    const response = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer anything-at-all-here' },
    });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('creneau_');
  });
});
