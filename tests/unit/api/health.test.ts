import { describe, expect, it } from 'vitest';
import { health } from '../../../src/api/health.ts';
import { apiContext } from '../../fixtures/api-context.ts';

interface HealthBody {
  status: string;
  uptime_s: number;
  registry: { kind: string; centres: number };
  gazetteer: { communes: number };
  availability: { loaded_at: string | null; age_s: number | null };
  cache?: { ok: boolean };
  poller?: { role: string };
}

const NOW = new Date('2021-04-20T08:01:00Z');

describe('health', () => {
  it('reports the registry served, the uptime, and how old its copy of the availability is', async () => {
    const app = await apiContext({
      now: NOW,
      startedAt: new Date('2021-04-20T07:01:00Z'),
      loadedAt: new Date('2021-04-20T08:00:30Z'),
    });
    const response = await health(app, NOW);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as HealthBody;
    expect(body).toMatchObject({
      status: 'ok',
      uptime_s: 3600,
      registry: { kind: 'demo', centres: app.centres.size },
      availability: { loaded_at: '2021-04-20T08:00:30.000Z', age_s: 30 },
    });
    expect(body.registry.centres).toBe(400);
    expect(body.gazetteer.communes).toBeGreaterThan(30_000);
  });

  it('has no availability age before the first read of the cache', async () => {
    const body = (await (await health(await apiContext({ now: NOW }), NOW)).json()) as HealthBody;
    expect(body.availability).toEqual({ loaded_at: null, age_s: null });
  });

  it('adds what the runtime says, and is degraded (still 200) when the cache is unreachable', async () => {
    const app = await apiContext({
      now: NOW,
      runtimeHealth: async () => ({ cache: { ok: false }, poller: { role: 'standby' } }),
    });
    const response = await health(app, NOW);
    expect(response.status).toBe(200);
    expect((await response.json()) as HealthBody).toMatchObject({
      status: 'degraded',
      cache: { ok: false },
      poller: { role: 'standby' },
    });
  });
});
