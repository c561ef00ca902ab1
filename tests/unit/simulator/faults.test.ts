import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimProvider, Simulator } from '../../../src/simulator/index.ts';
import { type FakeClock, fakeClock, getJson, startTestSimulator } from './harness.ts';
import { START } from './moments.ts';

/** A request each provider answers 200 with JSON (the SMART one NDJSON) when nothing is wrong. */
const HEALTHY: Record<SimProvider, string> = {
  doctolib: '/booking/centre-vaccination-sud-loire.json',
  maiia: '/api/pat-public/consultation-reason-hcd?rootCenterId=5ffec752a400683faf1c220c',
  keldoc:
    '/api/patients/v2/searches/resource?type=cabinet-medical&location=enghien-les-bains-95880&slug=vaccination-plaine-vallee',
  smart: '/$bulk-publish',
};
const PROVIDERS = Object.keys(HEALTHY) as SimProvider[];

let sim: Simulator;
let time: FakeClock;
const url = (p: SimProvider) => `${sim.urls[p]}${HEALTHY[p]}`;
const failureCode = (p: SimProvider) =>
  fetch(url(p)).then(
    (response) => `HTTP ${response.status}`,
    (error: { cause?: { code?: string } }) => error.cause?.code,
  );

beforeAll(async () => {
  time = fakeClock(START);
  sim = await startTestSimulator({ clock: time.clock });
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

describe.each(PROVIDERS)('faults injected into %s', (provider) => {
  it('answers normally without faults', async () => {
    const response = await fetch(url(provider));
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toBeTypeOf('object');
  });

  it('adds the configured latency', async () => {
    await sim.faults.set(provider, { latencyMs: 150 });
    const started = performance.now();
    expect((await fetch(url(provider))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('hangs until the client gives up', async () => {
    await sim.faults.set(provider, { timeoutRate: 1 });
    await expect(fetch(url(provider), { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('answers 500s at the configured rate', async () => {
    await sim.faults.set(provider, { errorRate: 1 });
    expect((await fetch(url(provider))).status).toBe(500);
    await sim.faults.set(provider, { errorRate: 0.5 });
    const statuses = await Promise.all(
      Array.from({ length: 40 }, async () => (await fetch(url(provider))).status),
    );
    const failures = statuses.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
  });

  it('answers 429 with Retry-After', async () => {
    await sim.faults.set(provider, { rateLimit: { rate: 1, retryAfterSeconds: 42 } });
    const response = await fetch(url(provider));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('42');
  });

  it('cuts bodies short so they do not parse', async () => {
    await sim.faults.set(provider, { malformedRate: 1 });
    const response = await fetch(url(provider));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('renames or removes the fields adapters need (schema drift)', async () => {
    const healthy = await (await fetch(url(provider))).text();
    const key = { doctolib: '"visit_motives"', maiia: '"items"', keldoc: '"cabinets"', smart: '"output"' }[
      provider
    ];
    expect(healthy).toContain(key);
    await sim.faults.set(provider, { drift: 'rename' });
    const renamed = await (await fetch(url(provider))).text();
    expect(renamed).not.toContain(key);
    expect(renamed.length).toBeGreaterThan(healthy.length * 0.9);
    await sim.faults.set(provider, { drift: 'remove' });
    const removed = await (await fetch(url(provider))).text();
    expect(removed).not.toContain(key);
    expect(removed.length).toBeLessThan(healthy.length);
  });

  it('answers 503 while down, until the clock passes the outage', async () => {
    await sim.faults.set(provider, { down: { minutes: 10, mode: '503' } });
    expect((await fetch(url(provider))).status).toBe(503);
    time.advance(9 * 60_000);
    expect((await fetch(url(provider))).status).toBe(503);
    time.advance(60_000);
    expect((await fetch(url(provider))).status).toBe(200);
  });

  it('refuses connections while down, and listens again on the same port after N minutes', async () => {
    const before = sim.urls[provider];
    await sim.faults.set(provider, { down: { minutes: 5 } });
    // A pooled keep-alive connection may first fail as "other side closed"; new ones are refused.
    await expect.poll(() => failureCode(provider)).toBe('ECONNREFUSED');
    time.advance(4 * 60_000);
    await sim.refresh();
    await expect(fetch(url(provider))).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    time.advance(60_000);
    await sim.refresh();
    expect(sim.urls[provider]).toBe(before);
    expect((await fetch(url(provider))).status).toBe(200);
  });
});

describe('the control endpoint', () => {
  it('sets, shows and clears faults over HTTP', async () => {
    const set = await getJson(`${sim.urls.maiia}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect(set.status).toBe(200);
    expect((await fetch(url('maiia'))).status).toBe(500);
    expect((await getJson(`${sim.urls.maiia}/__sim/faults`)).body).toEqual({
      spec: { errorRate: 1 },
      downUntil: null,
    });
    expect((await getJson(`${sim.urls.maiia}/__sim/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(url('maiia'))).status).toBe(200);
  });

  it('rejects an invalid fault spec with the offending field named', async () => {
    const { status, body } = await getJson(`${sim.urls.keldoc}/__sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ errorRate: 2, typo: true }),
    });
    expect(status).toBe(400);
    expect((body as { error: string }).error).toMatch(/errorRate/);
    expect((body as { error: string }).error).toMatch(/typo/);
  });

  it('can take a provider down for N minutes over HTTP, refusing connections', async () => {
    const { status, body } = await getJson(`${sim.urls.smart}/__sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ down: { minutes: 1, mode: 'refused' } }),
    });
    expect(status).toBe(200);
    expect((body as { downUntil: string }).downUntil).toBe(new Date(time.now() + 60_000).toISOString());
    await expect.poll(() => failureCode('smart')).toBe('ECONNREFUSED');
    time.advance(60_000);
    await expect.poll(async () => (await fetch(url('smart'))).status).toBe(200);
  });
});
