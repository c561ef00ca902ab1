import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedis, startRedis } from '../support/redis-server.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

interface Health {
  status: string;
  cache: { ok: boolean; driver: string };
  poller: { role: 'leader' | 'standby' | 'off' };
}
interface CentreJson {
  id: string;
  availability: { status: string; slot_count: number; valid_at: string | null; checked_at: string | null };
}

const LEASE_TTL_S = 3;
let redis: RunningRedis;
let instances: RunningServer[] = [];

const health = async (server: RunningServer) =>
  (await (await fetch(`${server.url}/healthz`)).json()) as Health;
const paris = async (server: RunningServer) => {
  const response = await fetch(`${server.url}/api/v1/departements/75`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { centres: CentreJson[] }).centres;
};

async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

async function roles(): Promise<string[]> {
  return Promise.all(instances.map(async (server) => (await health(server)).poller.role));
}

beforeAll(async () => {
  redis = await startRedis();
  const dir = tempDataDir();
  const config = path.join(dir, 'creneau.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      poller: { initial_spread_s: 1, lease_ttl_s: LEASE_TTL_S, intervals: { active_s: 10, quiet_s: 20 } },
    }),
  );
  const env = { CRENEAU_CONFIG: config, CRENEAU_CACHE: 'redis', CRENEAU_REDIS_URL: redis.url };
  instances = await Promise.all([startServer({ env }), startServer({ env })]);
}, 300_000);

afterAll(async () => {
  await Promise.all(instances.map((server) => server.stop()));
  await redis?.stop();
});

describe('several instances on one Redis', () => {
  it('has exactly one poller, and both instances serve the same availability', async () => {
    await eventually('one leader', async () => {
      const current = await roles();
      return current.filter((role) => role === 'leader').length === 1 ? current : undefined;
    });
    expect((await roles()).sort()).toEqual(['leader', 'standby']);

    const [a, b] = instances as [RunningServer, RunningServer];
    await eventually('Paris polled and seen by both', async () => {
      const [fromA, fromB] = await Promise.all([paris(a), paris(b)]);
      if (!fromA.every((c) => c.availability.valid_at)) return undefined;
      const sameAsA = fromB.every((c, i) => c.availability.valid_at === fromA[i]?.availability.valid_at);
      return sameAsA ? true : undefined;
    });
  }, 120_000);

  it('keeps serving from memory when Redis stops, says so in /healthz, and recovers when it returns', async () => {
    const before = await Promise.all(instances.map(paris));
    await redis.stop();
    for (const [index, server] of instances.entries()) {
      const during = await paris(server);
      expect(during.map((c) => c.availability.slot_count)).toEqual(
        before[index]?.map((c) => c.availability.slot_count),
      );
      await eventually('degraded health', async () => {
        const h = await health(server);
        return h.status === 'degraded' && h.cache.ok === false ? h : undefined;
      });
    }
    await redis.restart();
    for (const server of instances) {
      await eventually('health back to ok', async () => ((await health(server)).cache.ok ? true : undefined));
    }
    await eventually('one leader again', async () => {
      const current = await roles();
      return current.filter((role) => role === 'leader').length === 1 ? current : undefined;
    });
  }, 120_000);

  it('hands polling over to the other instance when the poller dies', async () => {
    // After Redis came back (the test before), the lease may change hands once more: wait for one leader.
    const current = await eventually('a leader and a standby', async () => {
      const now = await roles();
      return now.filter((role) => role === 'leader').length === 1 ? now : undefined;
    });
    const leaderIndex = current.indexOf('leader');
    const leader = instances[leaderIndex];
    const standby = instances[1 - leaderIndex];
    if (!leader || !standby) throw new Error('expected a leader and a standby');
    leader.process.kill('SIGKILL');
    // The lease expires after LEASE_TTL_S and the standby retries every third of it: normally a few
    // seconds. How soon is the lease's business (tests/unit/cache/redis.test.ts proves it is taken
    // once it lapses and not before); here a generous deadline, not a race with a loaded machine.
    await eventually(
      'standby takes over',
      async () => ((await health(standby)).poller.role === 'leader' ? true : undefined),
      90_000,
    );
    const checkedBefore = new Map((await paris(standby)).map((c) => [c.id, c.availability.checked_at]));
    // Its own poller now refreshes centres as they come due: some checked_at moves forward.
    await eventually(
      'the new poller checks centres',
      async () => {
        const now = await paris(standby);
        return now.some((c) => c.availability.checked_at !== checkedBefore.get(c.id)) ? true : undefined;
      },
      60_000,
    );
  }, 240_000);
});
