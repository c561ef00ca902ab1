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
    // A loaded machine may shed the first render after a start (503, not kept): ask until the page is
    // rendered and kept (a miss), then once more (a hit).
    await expect
      .poll(async () => (await fetch(`${server.url}/recherche?commune=35238`)).status, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(200);
    expect((await fetch(`${server.url}/recherche?commune=35238`)).status).toBe(200);
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    // Checked on the response path's lines only, so that a failure shows them rather than the whole scrape.
    const served = text
      .split('\n')
      .filter((line) => /^creneau_(memo|shed|render)/.test(line))
      .join('\n');
    // The second answer came from memory: a hit, or a stale hit when the data moved in between (the kept
    // bytes served while they are rebuilt, as the response path does).
    const counter = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(served)?.[1] ?? 0);
    expect(
      counter('creneau_memo_hits_total') + counter('creneau_memo_stale_hits_total'),
      served,
    ).toBeGreaterThan(0);
    expect(served).toMatch(/creneau_memo_misses_total [1-9]/);
    expect(served).toMatch(/creneau_memo_bytes [1-9]/);
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
