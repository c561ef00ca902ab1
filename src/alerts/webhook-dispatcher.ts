import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { AlertSettings, WebhookEndpoint } from '../config/alert-settings.ts';
import { backoffDelayMs } from '../poller/backoff.ts';
import { logger as appLogger } from '../shared/logger.ts';
import type { AlertEvent } from './alert-event.ts';
import { signWebhook } from './webhook-signature.ts';

export const WEBHOOK_EVENT_TYPE = 'slots.appeared';

/** What a partner's endpoint receives. */
export interface WebhookPayload {
  type: typeof WEBHOOK_EVENT_TYPE;
  events: AlertEvent[];
}

export interface WebhookDispatcher {
  /** Queues one delivery per endpoint that wants some of these events; returns at once. */
  dispatch(events: readonly AlertEvent[]): void;
  /** Resolves once every queued delivery is done (delivered or given up). */
  idle(): Promise<void>;
  /** Drops what is queued and aborts what is in flight. */
  close(): Promise<void>;
}

export interface WebhookDispatcherOptions {
  delivery: AlertSettings['delivery'];
  fetch?: typeof fetch;
  logger?: Logger;
  now?: () => number;
  /** Deliveries waiting per endpoint; beyond it the oldest is dropped, so a dead endpoint cannot grow memory. */
  maxQueue?: number;
}

/** Worth trying again: the endpoint may come back. Other answers (400, 401, 404…) will not change. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function retryAfterMs(response: Response): number | null {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
}

/**
 * Signed POSTs to partners' endpoints. Each endpoint has its own queue, worked one delivery at a
 * time in order, so a slow or failing endpoint delays only itself; nothing here is awaited by the
 * alert engine, let alone by the poller.
 */
export function createWebhookDispatcher(
  endpoints: readonly WebhookEndpoint[],
  options: WebhookDispatcherOptions,
): WebhookDispatcher {
  const doFetch = options.fetch ?? fetch;
  const log = (options.logger ?? appLogger).child({ module: 'alerts.webhooks' });
  const now = options.now ?? Date.now;
  const maxQueue = options.maxQueue ?? 100;
  const { delivery } = options;
  const closing = new AbortController();

  const lanes = endpoints.map((endpoint) => ({
    endpoint,
    queue: [] as Array<{ id: string; body: string; events: number }>,
    running: null as Promise<void> | null,
  }));

  async function attempt(
    endpoint: WebhookEndpoint,
    id: string,
    body: string,
  ): Promise<'ok' | 'retry' | 'give_up'> {
    // Signed at each attempt: a retry after minutes must still pass the receiver's replay window.
    const timestamp = Math.floor(now() / 1000);
    try {
      const response = await doFetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Creneau-Webhooks/1',
          'creneau-delivery': id,
          'creneau-timestamp': String(timestamp),
          'creneau-signature': signWebhook(endpoint.secret, id, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(delivery.timeout_ms)]),
      });
      await response.body?.cancel();
      if (response.ok) return 'ok';
      log.warn(
        { url: endpoint.url, delivery: id, status: response.status },
        'webhook endpoint refused a delivery',
      );
      if (!retryableStatus(response.status)) return 'give_up';
      const pause = retryAfterMs(response);
      if (pause !== null)
        await sleep(Math.min(pause, delivery.cap_ms), undefined, { signal: closing.signal });
      return 'retry';
    } catch (error) {
      if (closing.signal.aborted) return 'give_up';
      log.warn({ url: endpoint.url, delivery: id, err: (error as Error).message }, 'webhook delivery failed');
      return 'retry';
    }
  }

  async function deliver(endpoint: WebhookEndpoint, item: { id: string; body: string; events: number }) {
    for (let tries = 1; tries <= delivery.attempts; tries++) {
      const outcome = await attempt(endpoint, item.id, item.body);
      if (outcome === 'ok') {
        log.info({ url: endpoint.url, delivery: item.id, events: item.events, tries }, 'webhook delivered');
        return;
      }
      if (outcome === 'give_up' || tries === delivery.attempts) break;
      await sleep(backoffDelayMs(tries, delivery), undefined, { signal: closing.signal });
    }
    if (!closing.signal.aborted)
      log.error({ url: endpoint.url, delivery: item.id, events: item.events }, 'webhook delivery given up');
  }

  async function work(lane: (typeof lanes)[number]): Promise<void> {
    for (let item = lane.queue.shift(); item; item = lane.queue.shift()) {
      await deliver(lane.endpoint, item).catch(() => {});
      if (closing.signal.aborted) return;
    }
  }

  function startWork(lane: (typeof lanes)[number]): void {
    if (lane.running) return;
    lane.running = work(lane).finally(() => {
      lane.running = null;
      // A delivery queued while the worker was finishing must not wait for the next dispatch.
      if (lane.queue.length > 0 && !closing.signal.aborted) startWork(lane);
    });
  }

  return {
    dispatch(events) {
      if (closing.signal.aborted) return;
      for (const lane of lanes) {
        const wanted = lane.endpoint.departements;
        const selected = wanted
          ? events.filter((event) => event.departement !== null && wanted.includes(event.departement))
          : [...events];
        if (selected.length === 0) continue;
        const payload: WebhookPayload = { type: WEBHOOK_EVENT_TYPE, events: selected };
        lane.queue.push({ id: randomUUID(), body: JSON.stringify(payload), events: selected.length });
        if (lane.queue.length > maxQueue) {
          const dropped = lane.queue.shift();
          log.error(
            { url: lane.endpoint.url, delivery: dropped?.id },
            'webhook queue full: oldest delivery dropped',
          );
        }
        startWork(lane);
      }
    },
    async idle() {
      while (lanes.some((lane) => lane.running)) await Promise.all(lanes.map((lane) => lane.running));
    },
    async close() {
      closing.abort();
      for (const lane of lanes) lane.queue.length = 0;
      await Promise.all(lanes.map((lane) => lane.running));
    },
  };
}
