import type { Logger } from 'pino';
import type { AlertSettings } from '../config/alert-settings.ts';
import type { SearchSources } from '../search/sources.ts';
import { logger as appLogger } from '../shared/logger.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertStore } from './alert-store.ts';
import { type AvailabilitySnapshot, detectAlerts, takeSnapshot } from './detect-alerts.ts';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher.ts';

export interface AlertEngineOptions {
  app: Pick<SearchSources, 'centres' | 'availability' | 'now'>;
  store: AlertStore;
  /** True while this instance is the poller's leader: only it detects, so several instances alert once. */
  isLeader: () => boolean;
  settings: AlertSettings;
  /** Default: a dispatcher for `settings.webhooks`, closed by `stop()`. */
  webhooks?: WebhookDispatcher;
  /** Web Push to browsers (src/push/push-sender.ts), when configured; closed by `stop()`. */
  push?: { dispatch(events: readonly AlertEvent[]): void; close(): Promise<void> } | undefined;
  logger?: Logger;
  /** How often `app.availability.version` is looked at (default 2 s). */
  intervalMs?: number;
}

export interface AlertEngine {
  /** What the timer runs: compares with the last snapshot if the version moved; the events found. */
  check(): Promise<AlertEvent[]>;
  stop(): Promise<void>;
}

/**
 * Watches the availability view and turns "slots appeared" into stored events and webhook
 * deliveries. The first snapshot after start (or after gaining leadership) is only a baseline: what
 * was already open then is not news.
 */
export function startAlertEngine(options: AlertEngineOptions): AlertEngine {
  const { app, store, settings } = options;
  const log = (options.logger ?? appLogger).child({ module: 'alerts' });
  const ownsWebhooks = !options.webhooks;
  const webhooks =
    options.webhooks ??
    createWebhookDispatcher(settings.webhooks, { delivery: settings.delivery, logger: log });
  let previous: AvailabilitySnapshot | null = null;
  let seenVersion: string | null = null;
  // Our own recent alerts, in case the capped store already evicted some within the window.
  const ownRecent: AlertEvent[] = [];
  let running: Promise<AlertEvent[]> | null = null;

  async function check(): Promise<AlertEvent[]> {
    if (!options.isLeader()) {
      previous = null;
      seenVersion = null;
      return [];
    }
    const version = app.availability.version;
    if (version === seenVersion) return [];
    const now = app.now();
    const current = takeSnapshot(app, now);
    const before = previous;
    previous = current;
    seenVersion = version;
    if (before === null) return [];

    const windowStart = now.getTime() - settings.dedup_window_s * 1000;
    while (ownRecent.length > 0 && Date.parse(ownRecent[0]?.detected_at ?? '') <= windowStart)
      ownRecent.shift();
    const recent = [...(await store.events()), ...ownRecent];
    const events = detectAlerts(before, current, now, settings, recent);
    if (events.length === 0) return [];
    ownRecent.push(...events);
    log.info({ events: events.length, centres: events.map((event) => event.centre_id) }, 'slots appeared');
    try {
      await store.append(events);
    } catch (error) {
      // Webhooks still go out: the feed misses these events, partners do not.
      log.error({ err: error }, 'could not store alert events');
    }
    webhooks.dispatch(events);
    options.push?.dispatch(events);
    return events;
  }

  function guardedCheck(): Promise<AlertEvent[]> {
    running ??= check()
      .catch((error: unknown) => {
        log.error({ err: error }, 'alert check failed');
        return [];
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  const timer = setInterval(() => void guardedCheck(), options.intervalMs ?? 2000);
  timer.unref();

  return {
    check: guardedCheck,
    async stop() {
      clearInterval(timer);
      await running;
      if (ownsWebhooks) await webhooks.close();
      await options.push?.close();
    },
  };
}
