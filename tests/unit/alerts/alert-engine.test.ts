import { afterEach, describe, expect, it } from 'vitest';
import { type AlertEngine, startAlertEngine } from '../../../src/alerts/alert-engine.ts';
import type { AlertEvent } from '../../../src/alerts/alert-event.ts';
import { createAlertStore } from '../../../src/alerts/alert-store.ts';
import type { WebhookDispatcher } from '../../../src/alerts/webhook-dispatcher.ts';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';
import { type AlertSettings, AlertSettingsFile } from '../../../src/config/alert-settings.ts';
import { createCentreIndex } from '../../../src/registry/centre-index.ts';
import { centreState, rennesCentre, settableView } from '../../fixtures/alerts/availability.ts';

const settings: AlertSettings = {
  ...AlertSettingsFile.parse({ min_slots: 5, dedup_window_s: 6 * 3600 }),
  webhooks: [],
  public_url: 'https://creneau.example',
};

const engines: AlertEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

/** Two instances on one cache, sharing one availability, each with its own engine and store. */
function world() {
  // The memory driver frees expired entries by the wall clock: the fake one starts at the real time.
  let clock = Date.now();
  const cache = memoryDriver({ now: () => clock });
  const availability = settableView();
  const centres = createCentreIndex([rennesCentre('sante-1'), rennesCentre('sante-2')]);
  const app = { centres, availability: availability.view, now: () => new Date(clock) };
  const delivered: AlertEvent[][] = [];
  const webhooks: WebhookDispatcher = {
    dispatch: (events) => void delivered.push([...events]),
    idle: async () => {},
    close: async () => {},
  };
  let leaderIsA = true;
  const instance = (isLeader: () => boolean) => {
    const store = createAlertStore(cache, settings, { now: () => clock, refreshMs: 0 });
    const engine = startAlertEngine({ app, store, isLeader, settings, webhooks, intervalMs: 60_000 });
    engines.push(engine);
    return { store, engine };
  };
  const a = instance(() => leaderIsA);
  const b = instance(() => !leaderIsA);
  return {
    a,
    b,
    delivered,
    swapLeader: () => {
      leaderIsA = !leaderIsA;
    },
    /** Moves the clock and publishes a poller batch. */
    poll(minutes: number, id: string, status: 'some' | 'none', slots: number) {
      clock += minutes * 60_000;
      availability.set(centreState(id, status, slots, new Date(clock)));
    },
    async checkBoth() {
      return [...(await a.engine.check()), ...(await b.engine.check())];
    },
  };
}

describe('alert engine', () => {
  it('alerts once when slots open, stores the event for every instance, and sends it to webhooks', async () => {
    const w = world();
    w.poll(0, 'sante-1', 'none', 0);
    expect(await w.checkBoth()).toEqual([]); // baseline
    w.poll(2, 'sante-1', 'some', 12);
    const fired = await w.checkBoth();
    expect(fired.map((e) => [e.centre_id, e.slot_count])).toEqual([['sante-1', 12]]);
    expect(await w.checkBoth()).toEqual([]); // same version: nothing new
    expect((await w.b.store.events()).map((e) => e.id)).toEqual(fired.map((e) => e.id));
    expect(w.delivered).toEqual([fired]);
  });

  it('does not alert again within the window when slots flap, and does after it', async () => {
    const w = world();
    w.poll(0, 'sante-1', 'none', 0);
    await w.checkBoth();
    w.poll(2, 'sante-1', 'some', 12);
    expect(await w.checkBoth()).toHaveLength(1);
    for (let hour = 0; hour < 5; hour++) {
      w.poll(30, 'sante-1', 'none', 0);
      await w.checkBoth();
      w.poll(30, 'sante-1', 'some', 9);
      expect(await w.checkBoth()).toEqual([]);
    }
    w.poll(58, 'sante-1', 'none', 0);
    await w.checkBoth();
    w.poll(5, 'sante-1', 'some', 7); // 6 h 5 min after the first alert
    expect((await w.checkBoth()).map((e) => e.slot_count)).toEqual([7]);
    expect(w.delivered).toHaveLength(2);
  });

  it('does not alert below the minimum count', async () => {
    const w = world();
    w.poll(0, 'sante-1', 'none', 0);
    await w.checkBoth();
    w.poll(2, 'sante-1', 'some', 4);
    expect(await w.checkBoth()).toEqual([]);
    expect(w.delivered).toEqual([]);
  });

  it('lets a new leader take a baseline and still honour the window of the old leader’s alerts', async () => {
    const w = world();
    w.poll(0, 'sante-1', 'none', 0);
    await w.checkBoth();
    w.poll(2, 'sante-1', 'some', 12);
    expect(await w.a.engine.check()).toHaveLength(1);
    w.swapLeader();
    w.poll(2, 'sante-1', 'none', 0);
    expect(await w.checkBoth()).toEqual([]); // b's baseline
    w.poll(2, 'sante-1', 'some', 12);
    expect(await w.checkBoth()).toEqual([]); // within the window of a's alert, read from the store
    w.poll(2, 'sante-2', 'none', 0);
    await w.checkBoth();
    w.poll(2, 'sante-2', 'some', 20);
    expect((await w.checkBoth()).map((e) => e.centre_id)).toEqual(['sante-2']);
  });
});
