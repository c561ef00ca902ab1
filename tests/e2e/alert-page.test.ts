import { createECDH, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { pushMessage } from '../../src/push/push-message.ts';
import { axeViolations } from '../support/axe.ts';
import { isolate, launchChromium } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const PROVIDERS = /(doctolib\.fr|maiia\.com|keldoc\.com|\.example)$/;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const VAPID = webpush.generateVAPIDKeys();

let server: RunningServer;
let browser: Browser;
let pushService: http.Server;
let pushOrigin = '';

beforeAll(async () => {
  // A push service on this machine: the only endpoint host the server accepts besides the browsers' own.
  pushService = http.createServer((_request, response) => {
    response.statusCode = 201;
    response.end();
  });
  await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
  pushOrigin = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
  [server, browser] = await Promise.all([
    startServer({
      env: {
        CRENEAU_VAPID_PUBLIC_KEY: VAPID.publicKey,
        CRENEAU_VAPID_PRIVATE_KEY: VAPID.privateKey,
        CRENEAU_VAPID_SUBJECT: 'mailto:ops@creneau.example',
        CRENEAU_PUSH_ENDPOINT_HOSTS: new URL(pushOrigin).host,
      },
    }),
    launchChromium(),
  ]);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => pushService?.close(resolve));
});

/**
 * A browser whose push service is the local one: Chromium here cannot reach FCM, so `subscribe`
 * answers with a subscription made in the test (keys generated here), as a browser would.
 */
async function open(size: typeof PHONE | typeof DESKTOP, endpoint: string) {
  const context = await browser.newContext({ ...size, locale: 'fr-FR', bypassCSP: true });
  await context.grantPermissions(['notifications'], { origin: server.url });
  await isolate(context, server.url, PROVIDERS);
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const keys = { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') };
  await context.addInitScript(
    ({ endpoint, keys }) => {
      let current: object | null = null;
      const win = window as unknown as { __serverKey?: string };
      PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
        const key = new Uint8Array(options?.applicationServerKey as ArrayBuffer);
        win.__serverKey = btoa(String.fromCharCode(...key))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
        current = {
          endpoint,
          expirationTime: null,
          toJSON: () => ({ endpoint, expirationTime: null, keys }),
          unsubscribe: async () => {
            current = null;
            return true;
          },
        };
        return current as PushSubscription;
      };
      PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
    },
    { endpoint, keys },
  );
  return { context, page: await context.newPage() };
}

async function pushReady(page: Page) {
  await page.locator('push-subscribe[data-ready="true"]').waitFor({ timeout: 30_000 });
}

describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)('the "Être prévenu" page on a %s', (name, size) => {
  let context: BrowserContext;
  afterAll(async () => context?.close());

  it('is linked from the results, explains alerts, gives the Atom address and the widget, with no axe violation', async () => {
    const opened = await open(size, `${pushOrigin}/push/${name}`);
    context = opened.context;
    const { page } = opened;
    await page.goto(`${server.url}/recherche?commune=35238&rayon=20`);
    await page.getByTestId('alert-link').click();
    await page.waitForURL('**/alertes/communes/35238?rayon=20');
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'Être prévenu : créneaux à moins de 20 km de Rennes',
    );
    await expect(page.getByTestId('alert-what').textContent()).resolves.toContain(
      'à confirmer sur la plateforme de réservation',
    );
    // The feed's address, absolute, for a feed reader; the Atom URL itself is unchanged.
    const feed = await page.getByTestId('feed-url').inputValue();
    expect(feed).toBe(`${server.url}/alertes/communes/35238.atom?rayon=20`);
    const atom = await fetch(feed);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(await atom.text()).toContain('à confirmer sur la plateforme de réservation');
    await expect(page.getByTestId('widget-link').getAttribute('href')).resolves.toBe('/embed/communes/35238');
    await pushReady(page);
    expect(await axeViolations(page)).toEqual([]);

    // The radius form works without script and keeps the page's path.
    await page.getByLabel('Distance autour de la commune').selectOption('10');
    await page.getByRole('button', { name: 'Changer la distance' }).click();
    await page.waitForURL('**/alertes/communes/35238?rayon=10');
    await expect(page.getByTestId('feed-url').inputValue()).resolves.toBe(
      `${server.url}/alertes/communes/35238.atom?rayon=10`,
    );
  });

  it('subscribes this browser with the site’s VAPID key, then stops in one click', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/alertes/communes/35238?rayon=10`);
    await pushReady(page);
    const subscribed = page.waitForResponse((response) =>
      response.url().endsWith('/api/v1/push/subscriptions'),
    );
    await page.getByRole('button', { name: 'Recevoir une notification' }).click();
    const response = await subscribed;
    // (The body of a routed response is not read here: Playwright's isolate() route answers it.)
    expect(response.status()).toBe(201);
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({
      subscription: { endpoint: `${pushOrigin}/push/${name}` },
      place: { commune: '35238', rayon: 10 },
      lang: 'fr',
    });
    await expect(page.locator('[data-push-status]').textContent()).resolves.toBe(
      'C’est fait : ce navigateur sera prévenu des créneaux à moins de 10 km de Rennes.',
    );
    expect(await page.evaluate(() => (window as unknown as { __serverKey: string }).__serverKey)).toBe(
      VAPID.publicKey,
    );
    // The service worker is registered for the whole site, and shows what the leader sends.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${server.url}/`);

    const stopped = page.waitForResponse((answer) => answer.url().endsWith('/api/v1/push/unsubscribe'));
    await page.getByRole('button', { name: 'Ne plus être prévenu' }).click();
    expect((await stopped).status()).toBe(200);
    await expect(page.locator('[data-push-status]').textContent()).resolves.toBe(
      'C’est fait : ce navigateur ne recevra plus d’alerte Créneau.',
    );
    await expect(page.getByRole('button', { name: 'Ne plus être prévenu' }).isHidden()).resolves.toBe(true);
    // The server forgot it: asking again removes nothing.
    const again = await fetch(`${server.url}/api/v1/push/unsubscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: `${pushOrigin}/push/${name}` }),
    });
    expect(await again.json()).toEqual({ removed: false });
    await page.close();
  });

  it('shows a pushed alert as a notification with its two actions (service worker)', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/alertes/departements/35`);
    await pushReady(page);
    expect(await axeViolations(page)).toEqual([]);
    const message = pushMessage(
      { scope: { kind: 'departement', code: '35', name: 'Ille-et-Vilaine' }, lang: 'fr' },
      [
        {
          id: '00000000-0000-8000-8000-000000000000',
          centre_id: 'c1',
          centre_name: 'Centre du Liberté',
          commune: { insee: '35238', name: 'Rennes' },
          departement: '35',
          location: null,
          slot_count: 7,
          next_slot: null,
          booking_link: null,
          centre_url: `${server.url}/centres/c1`,
          time_zone: 'Europe/Paris',
          detected_at: new Date().toISOString(),
        },
      ],
      server.url,
    );
    const cdp = await context.newCDPSession(page);
    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find((entry) => !entry.isDeleted && entry.scopeURL === `${server.url}/`);
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.url,
      registrationId: await registration,
      data: JSON.stringify(message),
    });
    // Shown by the service worker within moments; the deadline only turns a hang into a message.
    let shown: Array<{
      title: string;
      body: string;
      tag: string;
      data: { url: string };
      actions?: string[] | undefined;
    }> = [];
    for (let attempt = 0; attempt < 100 && shown.length === 0; attempt++) {
      shown = await page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
          data: n.data,
          actions: (n as Notification & { actions?: Array<{ action: string }> }).actions?.map(
            (a) => a.action,
          ),
        })),
      );
      if (shown.length === 0) await page.waitForTimeout(100);
    }
    const [notification] = shown;
    expect(notification).toEqual({
      title: '7 créneaux à Centre du Liberté',
      body: 'Rennes. À confirmer sur la plateforme : le créneau peut être pris entre-temps.',
      tag: 'creneau-alert',
      data: { url: `${server.url}/centres/c1` },
      actions: ['open', 'unsubscribe'],
    });
    await page.close();
  });
});

describe('without VAPID keys', () => {
  it('the page says notifications are off and still gives the feed and the widget', async () => {
    // The same build, a server of its own without the keys.
    const plain = await startServer();
    try {
      const html = await (await fetch(`${plain.url}/alertes/departements/35?lang=en`)).text();
      expect(html).toContain('data-testid="push-off"');
      expect(html).not.toContain('<push-subscribe');
      expect(html).toContain(`${plain.url}/alertes/departements/35.atom`);
      const refused = await fetch(`${plain.url}/api/v1/push/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(refused.status).toBe(503);
    } finally {
      await plain.stop();
    }
  }, 300_000);
});
