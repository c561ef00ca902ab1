import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { AlertEvent } from '../alerts/alert-event.ts';
import { logger as appLogger } from '../shared/logger.ts';
import { pushMessage } from './push-message.ts';
import { endpointAllowed, type PushSettings } from './push-settings.ts';
import type { StoredSubscription } from './subscription.ts';
import type { SubscriptionStore } from './subscription-store.ts';

export interface PushSender {
  /** Queues the notifications for these events; returns at once (the alert engine never waits). */
  dispatch(events: readonly AlertEvent[]): void;
  /** Resolves once everything queued is sent (or given up). */
  idle(): Promise<void>;
  /** Drops what is queued and aborts what is in flight. */
  close(): Promise<void>;
}

export interface PushSenderOptions {
  store: SubscriptionStore;
  settings: PushSettings;
  /** CRENEAU_PUBLIC_URL: every link a notification carries. */
  publicUrl: string;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Requests in flight to push services at once (default 8). */
  concurrency?: number;
  timeoutMs?: number;
}

/**
 * `web-push` (and its ASN.1, JWS and elliptic-curve modules) loaded at the first notification sent:
 * an instance without subscribers, most of them, never carries it.
 */
const webPush = (() => {
  type WebPush = typeof import('web-push');
  let loading: Promise<WebPush> | undefined;
  return () => {
    // A CommonJS package: Node hands its `module.exports` over as `default`.
    loading ??= import('web-push').then((module) => (module as unknown as { default: WebPush }).default);
    return loading;
  };
})();

/** The push service says the subscription is gone (RFC 8030 §7.3: 404, 410): it is forgotten. */
const GONE = new Set([404, 410]);

/**
 * Web Push from the poller's leader: per subscriber, one notification (RFC 8030) whose payload is
 * encrypted for that browser (RFC 8291, aes128gcm) and signed with VAPID (RFC 8292), both by the
 * `web-push` package; the request itself goes out with fetch, with a timeout. Expired subscriptions
 * are removed; other failures are logged and not retried (the notification has a TTL anyway, and the
 * next alert comes).
 */
export function createPushSender(options: PushSenderOptions): PushSender {
  const { store, settings, publicUrl } = options;
  const doFetch = options.fetch ?? fetch;
  const log = (options.logger ?? appLogger).child({ module: 'alerts.push' });
  const queue = new PQueue({ concurrency: options.concurrency ?? 8 });
  const closing = new AbortController();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const vapidDetails = {
    subject: settings.subject,
    publicKey: settings.publicKey,
    privateKey: settings.privateKey,
  };

  async function send(key: string, subscription: StoredSubscription, events: readonly AlertEvent[]) {
    const message = pushMessage(subscription, events, publicUrl);
    if (!message) return;
    if (!endpointAllowed(subscription.endpoint, settings)) {
      await store.removeKey(key);
      return;
    }
    const webpush = await webPush();
    const details = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: subscription.keys },
      JSON.stringify(message),
      { vapidDetails, TTL: settings.ttlS, urgency: 'high', contentEncoding: 'aes128gcm' },
    );
    const headers = Object.fromEntries(
      Object.entries(details.headers).map(([name, value]) => [name, String(value)]),
    );
    // fetch computes the length itself.
    delete headers['Content-Length'];
    const endpointHost = new URL(subscription.endpoint).host;
    try {
      const response = await doFetch(details.endpoint, {
        method: 'POST',
        headers,
        body: details.body ? new Uint8Array(details.body) : null,
        redirect: 'manual',
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]),
      });
      await response.body?.cancel();
      if (response.ok) return;
      if (GONE.has(response.status)) {
        await store.removeKey(key);
        log.info({ host: endpointHost, status: response.status }, 'push subscription expired: removed');
        return;
      }
      log.warn({ host: endpointHost, status: response.status }, 'push service refused a notification');
    } catch (error) {
      if (!closing.signal.aborted)
        log.warn({ host: endpointHost, err: (error as Error).message }, 'push notification failed');
    }
  }

  return {
    dispatch(events) {
      if (closing.signal.aborted || events.length === 0) return;
      void queue
        .add(async () => {
          const subscriptions = await store.all();
          for (const { key, subscription } of subscriptions) {
            if (closing.signal.aborted) return;
            void queue.add(() => send(key, subscription, events)).catch(() => {});
          }
        })
        .catch((error: unknown) => log.error({ err: error }, 'could not read push subscriptions'));
    },
    idle: () => queue.onIdle(),
    async close() {
      closing.abort();
      queue.clear();
      await queue.onIdle();
    },
  };
}
