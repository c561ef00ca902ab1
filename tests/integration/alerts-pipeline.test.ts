import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as cheerio from 'cheerio';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AlertEngine, startAlertEngine } from '../../src/alerts/alert-engine.ts';
import { communeAlertFeed } from '../../src/alerts/alert-feeds.ts';
import { createAlertStore } from '../../src/alerts/alert-store.ts';
import { verifyWebhookSignature } from '../../src/alerts/webhook-signature.ts';
import { loadAppContext } from '../../src/app/app-context.ts';
import { createAvailabilityView } from '../../src/availability/availability-view.ts';
import { memoryDriver } from '../../src/cache/drivers/memory.ts';
import { AlertSettingsFile } from '../../src/config/alert-settings.ts';
import {
  AVAILABILITY_VERSION_KEY,
  availabilityKey,
  type CentreState,
} from '../../src/poller/centre-state.ts';
import { centreState, rennesCentre } from '../fixtures/alerts/availability.ts';

const SECRET = 'partner-secret-0123456789';
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('alerts from the poller’s cache to feeds and webhooks', () => {
  it('alerts once across two instances: the leader detects, both serve the feed, the partner gets one signed POST', async () => {
    const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const partner = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.end();
      });
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => partner.close(resolve)));

    const settings = {
      ...AlertSettingsFile.parse({ delivery: { base_ms: 10, cap_ms: 20 } }),
      webhooks: [{ url: `http://127.0.0.1:${(partner.address() as AddressInfo).port}/`, secret: SECRET }],
      public_url: 'https://creneau.example',
    };
    const centres = [rennesCentre('sante-1', 'Centre du Liberté'), rennesCentre('sante-2')];
    const cache = memoryDriver({});
    closers.push(() => cache.close());
    let version = 0;
    const pollerWrites = async (...states: CentreState[]) => {
      await cache.setMany(states.map((state) => [availabilityKey(state.centre_id), state] as const));
      await cache.set(AVAILABILITY_VERSION_KEY, ++version);
    };

    const instance = async (leader: boolean) => {
      const availability = createAvailabilityView(cache);
      availability.start(20);
      closers.push(async () => availability.stop());
      const store = createAlertStore(cache, settings, { refreshMs: 0 });
      const app = await loadAppContext({
        registry: {
          format: 'creneau-registry',
          version: 1,
          kind: 'official',
          source: 'test',
          imported_at: '2021-04-20T00:00:00Z',
          centres,
        },
        availability,
        alerts: store,
      });
      const engine: AlertEngine = startAlertEngine({
        app,
        store,
        isLeader: () => leader,
        settings,
        logger: pino({ level: 'silent' }),
        intervalMs: 25,
      });
      closers.push(() => engine.stop());
      return { app, availability, engine };
    };
    const a = await instance(true);
    const b = await instance(false);

    await pollerWrites(
      centreState('sante-1', 'none', 0, new Date()),
      centreState('sante-2', 'some', 8, new Date()),
    );
    await a.availability.refresh();
    expect(await a.engine.check()).toEqual([]); // the baseline: sante-2 was already open

    await pollerWrites(centreState('sante-1', 'some', 12, new Date()));
    // Normally within a few engine ticks of 25 ms; the deadline only turns a hang into a message.
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 60_000, interval: 20 });

    const [delivered] = received;
    const payload = JSON.parse(delivered?.body ?? '{}');
    expect(payload.events.map((event: { centre_id: string }) => event.centre_id)).toEqual(['sante-1']);
    const header = (name: string) => String(delivered?.headers[name]);
    expect(
      verifyWebhookSignature(
        SECRET,
        {
          delivery: header('creneau-delivery'),
          timestamp: header('creneau-timestamp'),
          signature: header('creneau-signature'),
        },
        delivered?.body ?? '',
      ),
    ).toBe(true);

    const url = 'http://127.0.0.1/alertes/communes/35238.atom?rayon=5';
    for (const { app } of [a, b]) {
      const $ = cheerio.load(await (await communeAlertFeed(app, new Request(url), '35238')).text(), {
        xml: true,
      });
      expect(
        $('entry > title')
          .toArray()
          .map((title) => $(title).text()),
      ).toEqual(['12 créneaux à Centre du Liberté (Rennes)']);
      expect($('entry > link[rel="alternate"]').attr('href')).toBe('https://creneau.example/go/sante-1');
    }

    // Later polls with the slots still open, or a count that moves, are not news.
    await pollerWrites(centreState('sante-1', 'some', 10, new Date()));
    await b.availability.refresh();
    await a.availability.refresh();
    expect(await a.engine.check()).toEqual([]);
    expect(await b.engine.check()).toEqual([]);
    expect(received).toHaveLength(1);
  }, 120_000);
});
