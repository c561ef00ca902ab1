import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/adapters/define-adapter.ts';
import { memoryDriver } from '../../src/cache/drivers/memory.ts';
import { providerStateLabel } from '../../src/format/provider-state.ts';
import { createPoller, type Poller } from '../../src/poller/poller.ts';
import { fakeAdapter, fakeCentre, fakeFetch } from '../fixtures/poller/fake-providers.ts';
import { FakeClock } from '../support/fake-clock.ts';

// Issue 13, point 8: while a provider has us wait on `Retry-After`, `/statut` says so
// ("en pause (429, reprise à 10 h 42)"), not "fermé (normal)".

const closed = {
  state: 'closed' as const,
  consecutive_failures: 0,
  opened_at: null,
  probe_at: null,
  reason: null,
};

let running: Poller | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('/statut while a provider waits on Retry-After', () => {
  it('reads "en pause (429, reprise à 10 h 42)" at Paris time', () => {
    const now = new Date('2021-04-20T08:30:00Z'); // 10 h 30 in Paris
    const paused = { breaker: closed, paused_until: '2021-04-20T08:42:00Z', paused_status: 429 };
    expect(providerStateLabel(paused, now)).toBe('en pause (429, reprise à 10 h 42)');
    expect(providerStateLabel({ ...paused, paused_status: 503 }, now)).toBe(
      'en pause (503, reprise à 10 h 42)',
    );
    expect(providerStateLabel({ ...paused, paused_until: '2021-04-21T07:05:00Z' }, now)).toBe(
      'en pause (429, reprise le 21 avril à 9 h 05)',
    );
    // Over: the breaker's own state again.
    expect(providerStateLabel(paused, new Date('2021-04-20T08:42:00Z'))).toBe('fermé (normal)');
  });

  it('is what the poller reports after a 429 with Retry-After', async () => {
    const clock = new FakeClock('2021-04-20T08:30:00Z');
    const fake = fakeFetch();
    fake.set('alpha', { kind: 'status', status: 429, headers: { 'retry-after': '720' } });
    const alpha = fakeAdapter('alpha') as Adapter;
    running = createPoller({
      centres: [fakeCentre('alpha', 1)],
      adapters: [alpha],
      adapterFor: () => alpha,
      providers: {
        alpha: {
          base_url: 'http://alpha.test',
          rate_limit: { requests: 1000, per_seconds: 1 },
          timeout_ms: 600_000,
        },
      },
      cache: memoryDriver({ snapshotIntervalMs: 0 }),
      config: {
        initial_spread_s: 1,
        max_retry_after_s: 3600,
        write_every_ms: 1000,
        retry: { attempts: 1, base_ms: 100, cap_ms: 100 },
      },
      clock,
      random: () => 0.5,
      fetch: fake.fetch,
      logger: pino({ level: 'silent' }),
    });
    await running.start();
    await clock.advance(2_000);
    const stats = running.providerStats().find((s) => s.provider === 'alpha');
    if (!stats) throw new Error('no stats for alpha');
    expect(stats.paused_status).toBe(429);
    expect(providerStateLabel(stats, new Date(clock.now()))).toBe('en pause (429, reprise à 10 h 42)');
  });
});
