import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createClient, ErrorReply } from 'redis';
import { withDeadline } from '../../shared/deadline.ts';
import { logger as appLogger } from '../../shared/logger.ts';
import { memoryRateCounter } from '../../shared/rate-limit.ts';
import { type CacheDriver, type CacheHealth, defineCacheDriver } from '../cache.ts';
import { type LeaseCommands, redisLease } from '../redis-lease.ts';
import { assertStorable, expiryOf } from '../ttl.ts';
import { memoryDriver } from './memory.ts';

export interface RedisDriverOptions {
  /** `redis://[[user][:password]@]host[:port][/db]` */
  url: string;
  /** Namespace of every key this driver touches: values under `<prefix>v:`, leases under `<prefix>lease:`, counters under `<prefix>count:`. */
  keyPrefix?: string;
  /** Per connection attempt; also the longest start-up waits for a first answer. */
  connectTimeoutMs?: number;
  /** A command without an answer after this long counts as Redis being unreachable. */
  commandTimeoutMs?: number;
  /** Reconnection backs off exponentially (with jitter) up to this delay. */
  reconnectMaxDelayMs?: number;
  /** The clock of the local mirror's TTLs (tests move it); Redis keeps its own. */
  now?: () => number;
  logger?: Logger;
}

interface PendingWrite {
  json: string;
  expiresAt: number | null;
}

/** A missing key reads as Lua `false` (a null or false reply, depending on the protocol). */
const READ_WITH_TTL = `local out = {}
for i, key in ipairs(KEYS) do
  out[2 * i - 1] = redis.call('GET', key)
  out[2 * i] = redis.call('PTTL', key)
end
return out`;
const READ_CHUNK = 1_000;
const INCREMENT = `local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local pttl = redis.call('PTTL', KEYS[1])
if pttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) pttl = tonumber(ARGV[1]) end
return {count, pttl}`;

type Attempt<T> = { ok: true; value: T } | { ok: false };

/**
 * Several web instances share one Redis. Every value read or written is mirrored in this process, so
 * that when Redis goes away reads answer from the mirror and `health()` says so instead of anything
 * throwing. Writes made meanwhile stay in the mirror and are replayed on reconnection only where Redis
 * has no value for the key (SET NX): a restarted, empty Redis gets them back, but they never overwrite
 * what another instance wrote while this one was cut off. Deletes made meanwhile reach the mirror only.
 * A Redis that restarted empty is told apart from a mere reconnection by its epoch key (`<prefix>epoch`,
 * a random id the first instance sets): when it is gone or changed, the instance writes back everything
 * its mirror holds, again only where Redis has no value (SET NX, with the remaining TTL), and tells its
 * `onStoreLost` listeners (the poller re-polls the centres still missing).
 *
 * Synchronous factory; the first connection is attempted in the background and every operation waits
 * for its outcome (or `connectTimeoutMs`), see `ready()`.
 */
export const redisDriver = defineCacheDriver((options: RedisDriverOptions): CacheDriver => {
  const now = options.now ?? Date.now;
  const log = (options.logger ?? appLogger).child({ module: 'cache', driver: 'redis' });
  const prefix = options.keyPrefix ?? 'creneau:';
  const valuePrefix = `${prefix}v:`;
  const where = redactPassword(options.url);
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  const commandTimeoutMs = options.commandTimeoutMs ?? 1_000;
  const maxDelayMs = options.reconnectMaxDelayMs ?? 5_000;
  const mirror = memoryDriver({ snapshotIntervalMs: 0, now, logger: log });
  const pending = new Map<string, PendingWrite>();
  let outage: { since: string; reason: string } | null = null;
  let closed = false;
  let replaying = false;
  const epochKey = `${prefix}epoch`;
  /** The epoch this instance last saw; null before its first connection. */
  let knownEpoch: string | null = null;
  const lostListeners = new Set<() => void>();
  const localCounts = memoryRateCounter(now);

  const client = createClient({
    url: options.url,
    // Reject at once while disconnected instead of queueing: the mirror answers in the meantime.
    disableOfflineQueue: true,
    commandOptions: { timeout: commandTimeoutMs },
    socket: {
      connectTimeout: connectTimeoutMs,
      reconnectStrategy: (retries) => {
        const cap = Math.min(maxDelayMs, 100 * 2 ** Math.min(retries, 20));
        return Math.round(cap / 2 + (Math.random() * cap) / 2);
      },
    },
  });

  let settleStart: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    settleStart = resolve;
    setTimeout(resolve, connectTimeoutMs).unref();
  });

  // Without an 'error' listener, node-redis's EventEmitter would throw and take the process down.
  client.on('error', (error: unknown) => {
    markDown(error);
    settleStart();
  });
  client.on('ready', () => {
    markUp();
    settleStart();
  });
  client.connect().catch((error: unknown) => {
    if (!closed) markDown(error);
    settleStart();
  });

  function markDown(error: unknown): void {
    const reason = describe(error);
    if (outage !== null) {
      outage.reason = reason;
      return;
    }
    outage = { since: new Date(now()).toISOString(), reason };
    if (!closed) log.warn({ url: where, reason }, 'Redis unreachable, serving from memory');
  }

  function markUp(): void {
    if (outage !== null) {
      log.info({ url: where, since: outage.since }, 'Redis reachable again');
      outage = null;
    }
    void replay();
  }

  /** True when Redis lost its data since this instance last looked (its epoch key is gone or changed). */
  async function storeLost(): Promise<boolean> {
    let epoch = await client.get(epochKey);
    if (epoch !== null && epoch === knownEpoch) return false;
    if (epoch === null) {
      await client.set(epochKey, randomUUID(), { condition: 'NX' });
      epoch = await client.get(epochKey);
    }
    const lost = knownEpoch !== null && epoch !== knownEpoch;
    knownEpoch = epoch;
    return lost;
  }

  /** Writes back what the mirror holds where Redis has nothing (SET NX): never over another instance's value. */
  async function rewriteMirror(): Promise<number> {
    const held = (await mirror.entries?.()) ?? [];
    let restored = 0;
    for (let i = 0; i < held.length; i += READ_CHUNK) {
      const replies = await Promise.all(
        held.slice(i, i + READ_CHUNK).map(({ key, value, expiresAt }) => {
          const ttlMs = expiresAt === null ? null : Math.ceil(expiresAt - now());
          if (ttlMs !== null && ttlMs <= 0) return null;
          return client.set(valuePrefix + key, JSON.stringify(value), {
            condition: 'NX',
            ...(ttlMs === null ? {} : { expiration: { type: 'PX', value: ttlMs } }),
          });
        }),
      );
      restored += replies.filter((reply) => reply === 'OK').length;
    }
    return restored;
  }

  async function replay(): Promise<void> {
    if (replaying) return;
    replaying = true;
    let replayed = 0;
    try {
      if (await storeLost()) {
        const restored = await rewriteMirror();
        log.warn(
          { url: where, restored },
          'Redis lost its data (restarted empty): values held in memory written back where Redis had none',
        );
        for (const listener of lostListeners) listener();
      }
      if (pending.size === 0) return;
      for (const [key, write] of [...pending]) {
        const ttlMs = write.expiresAt === null ? null : write.expiresAt - now();
        if (ttlMs === null || ttlMs > 0) {
          await client.set(valuePrefix + key, write.json, {
            condition: 'NX',
            ...(ttlMs === null ? {} : { expiration: { type: 'PX', value: ttlMs } }),
          });
          replayed += 1;
        }
        if (pending.get(key) === write) pending.delete(key);
      }
      log.info({ replayed }, 'writes kept during the Redis outage replayed where Redis had none');
    } catch (error) {
      markDown(error);
    } finally {
      replaying = false;
    }
  }

  /**
   * node-redis's command timeout only covers a command's wait to be written: once on the socket, it
   * waits for the reply as long as the socket stays open. A Redis that stops answering without
   * closing (frozen, or a network that drops packets) would hold every read, and the page on it.
   */
  const answeredWithin = <T>(reply: Promise<T>) =>
    withDeadline(
      reply,
      commandTimeoutMs,
      () => new Error(`no reply from Redis within ${commandTimeoutMs} ms`),
    );

  /** Runs `command` against Redis, or reports that it could not: only server error replies are thrown. */
  async function attempt<T>(command: () => Promise<T>): Promise<Attempt<T>> {
    await started;
    if (!client.isReady) return { ok: false };
    try {
      const value = await answeredWithin(command());
      if (outage !== null) markUp();
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ErrorReply) throw error;
      markDown(error);
      return { ok: false };
    }
  }

  /** Keeps what Redis answered in the mirror, with the same remaining TTL. */
  async function remember(key: string, json: string | null, pttl: number): Promise<unknown> {
    // PTTL -2: the key expired between GET and PTTL.
    if (json === null || pttl === -2) {
      await mirror.delete(key);
      return undefined;
    }
    const value: unknown = JSON.parse(json);
    await mirror.set(key, value, pttl > 0 ? { ttlSeconds: pttl / 1000 } : undefined);
    return value;
  }

  async function write(entries: ReadonlyArray<readonly [string, unknown]>, ttl?: { ttlSeconds?: number }) {
    for (const [key, value] of entries) assertStorable(key, value);
    const start = now();
    const expiresAt = expiryOf(ttl, start);
    const jsons = entries.map(([key, value]) => [key, JSON.stringify(value)] as const);
    await mirror.setMany(entries, ttl);
    const options =
      expiresAt === null ? {} : { expiration: { type: 'PX', value: expiresAt - start } as const };
    const wrote = await attempt(() =>
      Promise.all(jsons.map(([key, json]) => client.set(valuePrefix + key, json, options))),
    );
    for (const [key, json] of jsons) {
      if (wrote.ok) pending.delete(key);
      else pending.set(key, { json, expiresAt });
    }
  }

  /** Values with their remaining TTLs, one script call per chunk: a GET and a PTTL each would be 2N commands. */
  async function readWithTtl(redisKeys: string[]): Promise<Array<[string | null, number]>> {
    const chunks: string[][] = [];
    for (let i = 0; i < redisKeys.length; i += READ_CHUNK) chunks.push(redisKeys.slice(i, i + READ_CHUNK));
    const replies = await Promise.all(chunks.map((keys) => client.eval(READ_WITH_TTL, { keys })));
    return replies.flatMap((reply) => {
      if (!Array.isArray(reply)) throw new TypeError('unexpected reply to the read script');
      const pairs: Array<[string | null, number]> = [];
      for (let i = 0; i < reply.length; i += 2) {
        const json: unknown = reply[i];
        pairs.push([typeof json === 'string' ? json : null, Number(reply[i + 1])]);
      }
      return pairs;
    });
  }

  const leaseCommands: LeaseCommands = {
    setIfAbsent: async (key, holder, ttlMs) =>
      (await client.set(key, holder, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) === 'OK',
    eval: (script, key, args) => client.eval(script, { keys: [key], arguments: args }),
  };

  return {
    name: 'redis',
    shared: true,
    ready: () => started,

    async get<T>(key: string) {
      const redisKey = valuePrefix + key;
      // One key: GET and PTTL pipelined are cheaper than the script.
      const read = await attempt(() => Promise.all([client.get(redisKey), client.pTTL(redisKey)]));
      if (!read.ok) return mirror.get<T>(key);
      // Back from an outage, before the replay reached this key: Redis has none, so the replay will
      // write ours (SET NX); until then this instance reads its own write, not an absence.
      if (read.value[0] === null && pending.has(key)) return mirror.get<T>(key);
      return (await remember(key, ...read.value)) as T | undefined;
    },
    async getMany<T>(keys: readonly string[]) {
      if (keys.length === 0) return [];
      const read = await attempt(() => readWithTtl(keys.map((key) => valuePrefix + key)));
      if (!read.ok) return mirror.getMany<T>(keys);
      return Promise.all(
        keys.map(async (key, i) => {
          const [json, pttl] = read.value[i] ?? [null, -2];
          if (json === null && pending.has(key)) return mirror.get<T>(key);
          return (await remember(key, json, pttl)) as T | undefined;
        }),
      );
    },
    set: (key, value, ttl) => write([[key, value]], ttl),
    setMany: (entries, ttl) => write(entries, ttl),
    async delete(key) {
      await mirror.delete(key);
      pending.delete(key);
      await attempt(() => client.del(valuePrefix + key));
    },
    async keys(keyPrefix) {
      const scanned = await attempt(async () => {
        const found = new Set<string>();
        const match = `${escapeGlob(valuePrefix + keyPrefix)}*`;
        for await (const batch of client.scanIterator({ MATCH: match, COUNT: 1000 })) {
          for (const key of batch) found.add(key.slice(valuePrefix.length));
        }
        return [...found];
      });
      return scanned.ok ? scanned.value : mirror.keys(keyPrefix);
    },
    async health(): Promise<CacheHealth> {
      const ping = await attempt(() => client.ping());
      if (ping.ok) return { ok: true, driver: 'redis', detail: `connected to ${where}` };
      const held = (await mirror.keys('')).length;
      const down = outage ? `unreachable since ${outage.since} (${outage.reason})` : 'not connected yet';
      return {
        ok: false,
        driver: 'redis',
        detail: `Redis at ${where} ${down}; serving ${held} keys held in memory, ${pending.size} writes kept locally`,
      };
    },
    async increment(key, windowMs) {
      // One script: INCR, and the window's expiry set by its first hit (never extended by later ones).
      const counted = await attempt(() =>
        client.eval(INCREMENT, { keys: [`${prefix}count:${key}`], arguments: [String(windowMs)] }),
      );
      if (counted.ok && Array.isArray(counted.value)) {
        const [count, pttl] = counted.value.map(Number);
        return { count: count ?? 1, resetInMs: (pttl ?? 0) > 0 ? (pttl as number) : windowMs };
      }
      // Redis unreachable: this instance counts alone until it is back.
      return localCounts.increment(key, windowMs);
    },
    onStoreLost(listener) {
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
    lease: redisLease(
      (name) => `${prefix}lease:${name}`,
      async (command) => {
        const done = await attempt(() => command(leaseCommands));
        return done.ok ? done.value : undefined;
      },
    ),
    async close() {
      closed = true;
      await started;
      try {
        // A Redis that no longer answers must not hold the shutdown (and the cache snapshot) forever.
        if (client.isReady) await answeredWithin(client.close()).catch(() => client.destroy());
        else client.destroy();
      } catch (error) {
        log.debug({ err: error }, 'Redis client already closed');
      }
      await mirror.close();
    },
  };
});

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ?? (error.message || error.name);
  }
  return String(error);
}

/** SCAN MATCH takes a glob: a prefix containing `*`, `?`, `[` or `\` must match only itself. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis (unparseable URL)';
  }
}
