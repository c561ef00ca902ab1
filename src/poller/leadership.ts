import type { Logger } from 'pino';
import type { CacheLease } from '../cache/cache.ts';
import type { PollerClock } from './clock.ts';

export const POLLER_LEASE = 'poller';

export interface LeadershipInit {
  lease: CacheLease;
  holder: string;
  ttlMs: number;
  clock: PollerClock;
  logger: Logger;
  onGain(): Promise<void>;
  onLoss(): Promise<void>;
}

/**
 * One poller among instances sharing a cache: whoever holds the `poller` lease polls. The holder renews
 * every third of the TTL and stops polling as soon as a renewal fails (or the cache cannot be reached);
 * a standby tries as often, so it takes over within a lease period of the holder's death.
 */
export function createLeadership(init: LeadershipInit) {
  let leader = false;
  let stopped = true;
  let timer: unknown;
  let chain: Promise<void> = Promise.resolve();
  const everyMs = Math.max(1, Math.floor(init.ttlMs / 3));

  async function tick(): Promise<void> {
    let holds = false;
    try {
      holds = leader
        ? await init.lease.renew(POLLER_LEASE, init.holder, init.ttlMs)
        : await init.lease.acquire(POLLER_LEASE, init.holder, init.ttlMs);
    } catch (error) {
      init.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'poller lease unreachable',
      );
    }
    if (stopped) return;
    if (holds && !leader) {
      leader = true;
      init.logger.info({ holder: init.holder }, 'this instance now polls');
      await init.onGain();
    } else if (!holds && leader) {
      leader = false;
      init.logger.warn({ holder: init.holder }, 'lost the poller lease: polling stops here');
      await init.onLoss();
    }
  }

  function loop(): void {
    if (stopped) return;
    chain = chain
      .then(tick)
      .catch((error: unknown) => init.logger.error({ err: error }, 'poller leadership'))
      .then(() => {
        if (!stopped) timer = init.clock.setTimeout(loop, everyMs);
      });
  }

  return {
    isLeader: () => leader,
    start(): Promise<void> {
      stopped = false;
      loop();
      return chain;
    },
    async stop(): Promise<void> {
      stopped = true;
      init.clock.clearTimeout(timer);
      await chain;
      if (leader) {
        leader = false;
        await init.onLoss();
        await init.lease.release(POLLER_LEASE, init.holder).catch(() => {});
      }
    },
  };
}
