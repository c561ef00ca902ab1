import type { PollerClock } from '../../src/poller/clock.ts';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/** A clock tests move by hand: timers fire in order as `advance` passes them, letting promises settle between. */
export class FakeClock implements PollerClock {
  #now: number;
  #timers = new Map<number, Timer>();
  #seq = 0;

  constructor(start: string | number = '2021-04-20T08:00:00Z') {
    this.#now = typeof start === 'number' ? start : Date.parse(start);
  }

  now = (): number => this.#now;

  setTimeout = (callback: () => void, ms: number): unknown => {
    const seq = ++this.#seq;
    this.#timers.set(seq, { at: this.#now + Math.max(0, ms), seq, callback });
    return seq;
  };

  clearTimeout = (handle: unknown): void => {
    this.#timers.delete(handle as number);
  };

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing each timer due on the way at its own instant. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      await settle();
      const next = [...this.#timers.values()]
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.#timers.delete(next.seq);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
    }
    this.#now = end;
    await settle();
  }
}

/** Lets pending promise chains (and p-queue's microtask hops) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
