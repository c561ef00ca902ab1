import { afterEach, describe, expect, it } from 'vitest';
import { type AlertEvent, alertEventId } from '../../../src/alerts/alert-event.ts';
import { ALERT_EVENTS_KEY, createAlertStore } from '../../../src/alerts/alert-store.ts';
import type { CacheDriver } from '../../../src/cache/cache.ts';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';

// The memory driver frees expired entries by the wall clock: the fake one starts at the real time.
let clock = Date.now();
const now = () => clock;
let cache: CacheDriver;
afterEach(() => cache?.close());

function event(centreId: string, at: number): AlertEvent {
  const detectedAt = new Date(at).toISOString();
  return {
    id: alertEventId(centreId, detectedAt),
    centre_id: centreId,
    centre_name: `Centre ${centreId}`,
    commune: { insee: '35238', name: 'Rennes' },
    departement: '35',
    location: null,
    slot_count: 10,
    next_slot: null,
    booking_link: null,
    centre_url: `http://localhost:4321/centres/${centreId}`,
    time_zone: 'Europe/Paris',
    detected_at: detectedAt,
  };
}

describe('alert store', () => {
  it('lets another instance on the same cache serve what the leader appended, newest first', async () => {
    cache = memoryDriver({ now });
    const leader = createAlertStore(cache, { max_events: 100, retention_s: 86_400 }, { now });
    const reader = createAlertStore(cache, { max_events: 100, retention_s: 86_400 }, { now, refreshMs: 0 });
    expect(await reader.events()).toEqual([]);
    const versionBefore = reader.version;
    await leader.append([event('a', clock)]);
    clock += 60_000;
    await leader.append([event('b', clock)]);
    expect((await reader.events()).map((e) => e.centre_id)).toEqual(['b', 'a']);
    expect(reader.version).not.toBe(versionBefore);
  });

  it('keeps at most max_events', async () => {
    cache = memoryDriver({ now });
    const store = createAlertStore(cache, { max_events: 3, retention_s: 86_400 }, { now });
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      clock += 1000;
      await store.append([event(id, clock)]);
    }
    expect((await store.events()).map((e) => e.centre_id)).toEqual(['e', 'd', 'c']);
  });

  it('drops events older than the retention', async () => {
    cache = memoryDriver({ now });
    const store = createAlertStore(cache, { max_events: 100, retention_s: 3600 }, { now });
    await store.append([event('old', clock)]);
    clock += 3_000_000;
    await store.append([event('new', clock)]);
    expect((await store.events()).map((e) => e.centre_id)).toEqual(['new', 'old']);
    clock += 1_000_000;
    expect((await store.events()).map((e) => e.centre_id)).toEqual(['new']);
  });

  it('re-reads the cache only after refreshMs', async () => {
    cache = memoryDriver({ now });
    const leader = createAlertStore(cache, { max_events: 100, retention_s: 86_400 }, { now });
    const reader = createAlertStore(
      cache,
      { max_events: 100, retention_s: 86_400 },
      { now, refreshMs: 2000 },
    );
    expect(await reader.events()).toEqual([]);
    await leader.append([event('a', clock)]);
    expect(await reader.events()).toEqual([]);
    clock += 2000;
    expect((await reader.events()).map((e) => e.centre_id)).toEqual(['a']);
  });

  it('skips a malformed stored entry instead of emptying the feed', async () => {
    cache = memoryDriver({ now });
    const store = createAlertStore(cache, { max_events: 100, retention_s: 86_400 }, { now, refreshMs: 0 });
    await cache.setMany([
      [ALERT_EVENTS_KEY, [{ centre_id: 'broken' }, event('good', clock)]],
      ['alerts:version', 1],
    ]);
    expect((await store.events()).map((e) => e.centre_id)).toEqual(['good']);
  });
});
