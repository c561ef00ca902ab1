import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { publicAvailability } from '../availability/public-availability.ts';
import { responseStats } from '../responses/stats.ts';
import type { SearchSources } from '../search/sources.ts';

const BREAKER_STATES = ['closed', 'half_open', 'open'] as const;

/**
 * Prometheus metrics, computed at scrape time from what this instance serves (the availability view),
 * so every web instance reports the same provider figures whichever one polls.
 */
export function createMetrics(app: Pick<SearchSources, 'availability' | 'centres' | 'now'>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'creneau_' });
  const provider = (name: string, help: string) =>
    new Gauge({ name, help, labelNames: ['provider'], registers: [registry] });
  const breaker = new Gauge({
    name: 'creneau_provider_breaker_state',
    help: 'Circuit breaker state per provider: 1 for the current state',
    labelNames: ['provider', 'state'],
    registers: [registry],
  });
  const enabled = provider('creneau_provider_enabled', 'Whether the provider is polled (1) or disabled (0)');
  const covered = provider('creneau_provider_centres', 'Registry centres this provider covers');
  const errorRate = provider('creneau_provider_error_rate', 'Failed polls over polls in the last hour');
  const latency = provider('creneau_provider_median_latency_seconds', 'Median latency of recent requests');
  const perMinute = provider('creneau_provider_requests_last_minute', 'Requests sent in the last minute');
  const limit = provider('creneau_provider_rate_limit_per_minute', 'Configured request limit per minute');
  const lastSuccess = provider(
    'creneau_provider_last_success_timestamp_seconds',
    'Time of the last successful poll',
  );
  const centres = new Gauge({
    name: 'creneau_centres',
    help: 'Centres by availability status and freshness',
    labelNames: ['status', 'freshness'],
    registers: [registry],
  });
  const slots = new Gauge({
    name: 'creneau_slots',
    help: 'Free slots over the horizon, all centres',
    registers: [registry],
  });

  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  const served = {
    hits: gauge('creneau_memo_hits_total', 'Requests answered from current prepared bytes'),
    staleHits: gauge(
      'creneau_memo_stale_hits_total',
      'Requests answered from previous bytes while a rebuild ran',
    ),
    misses: gauge('creneau_memo_misses_total', 'Requests that found no prepared bytes'),
    evictions: gauge(
      'creneau_memo_evictions_total',
      'Prepared responses dropped to stay within the byte budget',
    ),
    notAdmitted: gauge(
      'creneau_memo_not_admitted_total',
      'Answers served but not kept: asked once while the budget was three quarters full',
    ),
    bytes: gauge('creneau_memo_bytes', 'Bytes held by prepared responses, every encoding counted'),
    entries: gauge('creneau_memo_entries', 'Prepared responses held'),
    maxBytes: gauge(
      'creneau_memo_max_bytes',
      'The byte budget of prepared responses (CRENEAU_RESPONSE_MEMO_MB)',
    ),
    lag: gauge('creneau_event_loop_lag_seconds', 'Event-loop delay, 99th percentile over the last second'),
    queue: gauge('creneau_render_queue', 'Renders in flight'),
    shed: gauge('creneau_shed_total', 'Uncached renders refused with 503 under overload'),
  };

  async function collect(): Promise<void> {
    registry.resetMetrics();
    const response = responseStats();
    if (response) {
      served.hits.set(response.memo.hits);
      served.staleHits.set(response.memo.staleHits);
      served.misses.set(response.memo.misses);
      served.evictions.set(response.memo.evictions);
      served.notAdmitted.set(response.memo.notAdmitted);
      served.bytes.set(response.memo.bytes);
      served.entries.set(response.memo.entries);
      served.maxBytes.set(response.memo.maxBytes);
      served.lag.set(response.overload.lagMs / 1000);
      served.queue.set(response.overload.inFlight);
      served.shed.set(response.overload.shed);
    }
    for (const stats of app.availability.providers()) {
      const labels = { provider: stats.provider };
      enabled.set(labels, stats.enabled ? 1 : 0);
      covered.set(labels, stats.centres);
      if (stats.error_rate !== null) errorRate.set(labels, stats.error_rate);
      if (stats.median_latency_ms !== null) latency.set(labels, stats.median_latency_ms / 1000);
      perMinute.set(labels, stats.requests_last_minute);
      limit.set(labels, stats.rate_limit_per_minute);
      if (stats.last_success_at) lastSuccess.set(labels, Date.parse(stats.last_success_at) / 1000);
      for (const state of BREAKER_STATES)
        breaker.set({ ...labels, state }, stats.breaker.state === state ? 1 : 0);
    }
    const now = app.now();
    const counts = new Map<string, number>();
    let slotTotal = 0;
    for (const centre of app.centres.all()) {
      const availability = publicAvailability(app.availability.state(centre.id), now);
      const key = `${availability.status}|${availability.freshness}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (availability.status === 'some') slotTotal += availability.slot_count ?? 0;
    }
    for (const [key, value] of counts) {
      const [status = '', freshness = ''] = key.split('|');
      centres.set({ status, freshness }, value);
    }
    slots.set(slotTotal);
  }

  return {
    async response(): Promise<Response> {
      await collect();
      return new Response(await registry.metrics(), {
        headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
      });
    },
  };
}

/**
 * `/metrics` is not public (issue 13, point 6): it answers only `Authorization: Bearer <CRENEAU_METRICS_TOKEN>`.
 * Without a configured token the route does not exist (404); a wrong or missing token gets 401.
 * Null: authorised.
 */
export function metricsAuthorised(token: string | null, authorization: string | null): Response | null {
  if (token === null)
    return new Response('Not found\n', { status: 404, headers: { 'cache-control': 'no-store' } });
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
  const expected = Buffer.from(token);
  const actual = Buffer.from(given);
  if (actual.byteLength === expected.byteLength && timingSafeEqual(actual, expected)) return null;
  return new Response('Unauthorized\n', {
    status: 401,
    headers: { 'cache-control': 'no-store', 'www-authenticate': 'Bearer realm="creneau-metrics"' },
  });
}
