import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { CacheDriver } from '../cache/cache.ts';
import { StoredSubscription } from './subscription.ts';

export const SUBSCRIPTION_PREFIX = 'push:sub:';

/**
 * Browsers' push subscriptions, in the shared cache: the memory driver's snapshot in the data
 * directory, or Redis when instances share one. "Stored hashed": each is kept under an HMAC of its
 * endpoint (the key says nothing, and unsubscribing needs only the endpoint), and the subscription
 * itself, which the leader needs in clear to send, is encrypted with AES-256-GCM under a key derived
 * (HKDF) from the VAPID private key, which stays in the environment. A copied data directory or a
 * Redis dump reveals no endpoint and no place. New VAPID keys make old subscriptions useless anyway
 * (a browser's subscription is bound to the key), and they become undecryptable: they are dropped.
 */
export interface SubscriptionStore {
  /** Adds or replaces the browser's alert (one per endpoint); false when the store is full. */
  put(subscription: StoredSubscription, expiresAtMs?: number | null): Promise<boolean>;
  /** Forgets the browser's alert; true when there was one. */
  remove(endpoint: string): Promise<boolean>;
  /** Every subscription that decrypts, with its key; others are deleted on the way. */
  all(): Promise<Array<{ key: string; subscription: StoredSubscription }>>;
  removeKey(key: string): Promise<void>;
  count(): Promise<number>;
}

export interface SubscriptionStoreOptions {
  /** The VAPID private key (base64url): what the encryption and the hashing keys are derived from. */
  secret: string;
  /** A subscription not renewed is forgotten after this long. */
  keepS: number;
  maxSubscriptions: number;
  now?: () => number;
}

interface Sealed {
  v: 1;
  iv: string;
  data: string;
  tag: string;
}

export function createSubscriptionStore(
  cache: CacheDriver,
  options: SubscriptionStoreOptions,
): SubscriptionStore {
  const now = options.now ?? Date.now;
  const ikm = Buffer.from(options.secret, 'base64url');
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', ikm, 'creneau push subscriptions', info, 32));
  const encryptionKey = derive('aes-256-gcm');
  const hashKey = derive('endpoint hmac');

  const keyOf = (endpoint: string) =>
    `${SUBSCRIPTION_PREFIX}${createHmac('sha256', hashKey).update(endpoint).digest('base64url')}`;

  function seal(subscription: StoredSubscription): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(subscription), 'utf8'), cipher.final()]);
    return {
      v: 1,
      iv: iv.toString('base64url'),
      data: data.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
    };
  }

  function open(value: unknown): StoredSubscription | null {
    try {
      const sealed = value as Sealed;
      if (sealed?.v !== 1) return null;
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(sealed.iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
      const text = Buffer.concat([
        decipher.update(Buffer.from(sealed.data, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
      const parsed = StoredSubscription.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  return {
    async put(subscription, expiresAtMs) {
      const key = keyOf(subscription.endpoint);
      const existing = await cache.get(key);
      if (
        existing === undefined &&
        (await cache.keys(SUBSCRIPTION_PREFIX)).length >= options.maxSubscriptions
      )
        return false;
      const untilExpiry = expiresAtMs ? Math.floor((expiresAtMs - now()) / 1000) : Number.POSITIVE_INFINITY;
      const ttlSeconds = Math.max(60, Math.min(options.keepS, untilExpiry));
      await cache.set(key, seal(subscription), { ttlSeconds });
      return true;
    },
    async remove(endpoint) {
      const key = keyOf(endpoint);
      const existing = await cache.get(key);
      if (existing === undefined) return false;
      await cache.delete(key);
      return true;
    },
    async all() {
      const keys = await cache.keys(SUBSCRIPTION_PREFIX);
      const values = keys.length > 0 ? await cache.getMany(keys) : [];
      const found: Array<{ key: string; subscription: StoredSubscription }> = [];
      for (const [index, key] of keys.entries()) {
        const value = values[index];
        if (value === undefined) continue;
        const subscription = open(value);
        if (subscription) found.push({ key, subscription });
        else await cache.delete(key);
      }
      return found;
    },
    removeKey: (key) => cache.delete(key),
    async count() {
      return (await cache.keys(SUBSCRIPTION_PREFIX)).length;
    },
  };
}
