import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { startAlertEngine } from '../../src/alerts/alert-engine.ts';
import { createAlertStore } from '../../src/alerts/alert-store.ts';
import { loadAppContext } from '../../src/app/app-context.ts';
import { memoryDriver } from '../../src/cache/drivers/memory.ts';
import { AlertSettingsFile } from '../../src/config/alert-settings.ts';
import { subscribe, unsubscribe } from '../../src/push/push-api.ts';
import { createPushSender } from '../../src/push/push-sender.ts';
import { endpointAllowed, pushSettingsFromEnv } from '../../src/push/push-settings.ts';
import { createSubscriptionStore, SUBSCRIPTION_PREFIX } from '../../src/push/subscription-store.ts';
import { centreIn, centreState, rennesCentre, settableView } from '../fixtures/alerts/availability.ts';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A push service on this machine: 201 for every endpoint, 410 for `/gone/…` (an expired subscription). */
async function localPushService() {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      response.statusCode = request.url?.startsWith('/gone/') ? 410 : 201;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return { received, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What a browser holds for one subscription: its ECDH key pair and auth secret (RFC 8291 §2). */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, json: { p256dh: ecdh.getPublicKey('base64url'), auth: auth.toString('base64url') } };
}

/**
 * The browser's side of RFC 8291 (Message Encryption for Web Push), written here from the RFC with
 * node:crypto: the aes128gcm header (RFC 8188 §2.1: salt, record size, key id = the server's
 * ephemeral public key), the ECDH secret, the two HKDF steps, then AES-128-GCM and the padding.
 */
function decryptPush(body: Buffer, keys: ReturnType<typeof browserKeys>): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const asPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  expect(idLength).toBe(65);
  expect(record.length).toBeLessThanOrEqual(recordSize);
  const uaPublic = keys.ecdh.getPublicKey();
  const ecdhSecret = keys.ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, keys.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last (and only) record ends with the delimiter 0x02, then zero padding (RFC 8188 §2).
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  expect(padded[end]).toBe(2);
  return padded.subarray(0, end).toString('utf8');
}

/** The VAPID header (RFC 8292 §3): a JWT signed ES256 by the site's key, for the push service's origin. */
function verifyVapid(authorization: string | undefined, publicKey: string, audience: string) {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(authorization ?? '');
  expect(match).not.toBeNull();
  const [, jwt = '', k = ''] = match ?? [];
  expect(k).toBe(publicKey);
  const [header = '', claims = '', signature = ''] = jwt.split('.');
  const raw = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const valid = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  expect(valid).toBe(true);
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
  expect(payload.aud).toBe(audience);
  expect(payload.sub).toBe('mailto:ops@creneau.example');
}

function post(path: string, body: unknown, contentType = 'application/json') {
  return new Request(`http://127.0.0.1${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function setUp(extraHosts: string) {
  const vapid = webpush.generateVAPIDKeys();
  const { settings, problems } = pushSettingsFromEnv({
    CRENEAU_VAPID_PUBLIC_KEY: vapid.publicKey,
    CRENEAU_VAPID_PRIVATE_KEY: vapid.privateKey,
    CRENEAU_VAPID_SUBJECT: 'mailto:ops@creneau.example',
    CRENEAU_PUSH_ENDPOINT_HOSTS: extraHosts,
  });
  expect(problems).toEqual([]);
  if (!settings) throw new Error('push settings expected');
  const cache = memoryDriver({});
  closers.push(() => cache.close());
  const store = createSubscriptionStore(cache, {
    secret: settings.privateKey,
    keepS: settings.keepS,
    maxSubscriptions: 10,
  });
  const alertSettings = {
    ...AlertSettingsFile.parse({}),
    webhooks: [],
    public_url: 'https://creneau.example',
  };
  const marseille = { insee: '13055', name: 'Marseille', postcode: '13001', departement: '13' };
  const centres = [
    rennesCentre('sante-1', 'Centre du Liberté'),
    rennesCentre('sante-2', 'Centre des Gayeulles'),
    centreIn('sante-3', marseille, { lat: 43.2965, lon: 5.3698 }),
  ];
  const source = settableView();
  const alerts = createAlertStore(cache, alertSettings, { refreshMs: 0 });
  const app = await loadAppContext({
    registry: {
      format: 'creneau-registry',
      version: 1,
      kind: 'official',
      source: 'test',
      imported_at: '2021-04-20T00:00:00Z',
      centres,
    },
    availability: source.view,
    alerts,
    push: { settings, store },
  });
  const sender = createPushSender({
    store,
    settings,
    publicUrl: alertSettings.public_url,
    logger: pino({ level: 'silent' }),
  });
  const engine = startAlertEngine({
    app,
    store: alerts,
    isLeader: () => true,
    settings: alertSettings,
    logger: pino({ level: 'silent' }),
    push: sender,
    intervalMs: 3_600_000,
  });
  closers.push(() => engine.stop());
  return { app, vapid, settings, store, cache, source, engine, sender };
}

describe('Web Push from the alert engine to a browser', () => {
  it('subscribes, delivers an encrypted VAPID-signed notification per scope, removes expired ones, unsubscribes in one call', async () => {
    const service = await localPushService();
    const { app, vapid, store, cache, source, engine, sender } = await setUp(new URL(service.origin).host);

    const rennes = browserKeys();
    const ille = browserKeys();
    const marseille = browserKeys();
    const subscriptions = [
      {
        endpoint: `${service.origin}/push/rennes`,
        keys: rennes,
        place: { commune: '35238', rayon: 10 },
        lang: 'fr',
      },
      { endpoint: `${service.origin}/gone/ille`, keys: ille, place: { departement: '35' }, lang: 'en' },
      {
        endpoint: `${service.origin}/push/marseille`,
        keys: marseille,
        place: { commune: '13055', rayon: 10 },
        lang: 'fr',
      },
    ];
    for (const { endpoint, keys, place, lang } of subscriptions) {
      const response = await subscribe(
        app,
        post('/api/v1/push/subscriptions', {
          subscription: { endpoint, expirationTime: null, keys: keys.json },
          place,
          lang,
        }),
      );
      expect(response.status).toBe(201);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }

    // Stored hashed: neither the endpoint, nor the browser's keys, nor the place are readable in the cache.
    const keys = await cache.keys(SUBSCRIPTION_PREFIX);
    expect(keys).toHaveLength(3);
    const raw = JSON.stringify(await cache.getMany(keys)) + keys.join(' ');
    for (const secret of [
      '127.0.0.1',
      '/push/rennes',
      rennes.json.p256dh,
      rennes.json.auth,
      'Rennes',
      '35238',
    ])
      expect(raw).not.toContain(secret);

    source.set(centreState('sante-1', 'none', 0, new Date()), centreState('sante-3', 'none', 0, new Date()));
    expect(await engine.check()).toEqual([]); // the baseline
    source.set(centreState('sante-1', 'some', 12, new Date()));
    expect((await engine.check()).map((event) => event.centre_id)).toEqual(['sante-1']);
    await sender.idle();

    // Rennes (commune within 10 km) and Ille-et-Vilaine (département) are told; Marseille is not.
    expect(service.received.map((request) => request.path).sort()).toEqual(['/gone/ille', '/push/rennes']);
    for (const request of service.received) {
      expect(request.headers['content-encoding']).toBe('aes128gcm');
      expect(Number(request.headers.ttl)).toBeGreaterThan(0);
      verifyVapid(request.headers.authorization, vapid.publicKey, service.origin);
    }
    const toRennes = service.received.find((request) => request.path === '/push/rennes');
    const french = JSON.parse(decryptPush(toRennes?.body ?? Buffer.alloc(0), rennes));
    expect(french.title).toBe('12 créneaux à Centre du Liberté');
    expect(french.body).toContain('À confirmer sur la plateforme');
    expect(french.url).toBe('https://creneau.example/centres/sante-1');
    expect(french.actions.map((action: { action: string }) => action.action)).toEqual([
      'open',
      'unsubscribe',
    ]);
    const toIlle = service.received.find((request) => request.path === '/gone/ille');
    const english = JSON.parse(decryptPush(toIlle?.body ?? Buffer.alloc(0), ille));
    expect(english.title).toBe('12 slots at Centre du Liberté');
    expect(english.body).toContain('To be confirmed on the booking platform');
    expect(english.url).toBe('https://creneau.example/centres/sante-1?lang=en');

    // The 410 removed that subscription; the others stay.
    const left = (await store.all()).map(({ subscription }) => subscription.endpoint).sort();
    expect(left).toEqual([`${service.origin}/push/marseille`, `${service.origin}/push/rennes`]);

    // One click: the endpoint is all it takes; the next alert reaches nobody near Rennes.
    const stopped = await unsubscribe(
      app,
      post('/api/v1/push/unsubscribe', { endpoint: `${service.origin}/push/rennes` }),
    );
    expect(await stopped.json()).toEqual({ removed: true });
    service.received.length = 0;
    source.set(centreState('sante-2', 'none', 0, new Date()));
    await engine.check();
    source.set(centreState('sante-2', 'some', 9, new Date()));
    expect((await engine.check()).map((event) => event.centre_id)).toEqual(['sante-2']);
    await sender.idle();
    expect(service.received).toEqual([]);
  }, 60_000);

  it('refuses what is not a subscription to a push service, and says when push is not configured', async () => {
    const service = await localPushService();
    const { app } = await setUp(new URL(service.origin).host);
    const keys = browserKeys().json;
    const valid = {
      subscription: { endpoint: `${service.origin}/push/x`, keys },
      place: { commune: '35238' },
    };
    const status = async (request: Request) => (await subscribe(app, request)).status;

    // Anything else would make the leader POST wherever a visitor asked (SSRF).
    for (const endpoint of [
      'https://evil.example/push',
      'http://169.254.169.254/latest',
      'https://fcm.googleapis.com:8443/x',
    ])
      expect(
        await status(post('/api/v1/push/subscriptions', { ...valid, subscription: { endpoint, keys } })),
      ).toBe(400);
    expect(
      await status(
        post('/api/v1/push/subscriptions', {
          ...valid,
          subscription: { ...valid.subscription, keys: { ...keys, auth: 'abc' } },
        }),
      ),
    ).toBe(400);
    expect(await status(post('/api/v1/push/subscriptions', valid, 'text/plain'))).toBe(415);
    expect(await status(post('/api/v1/push/subscriptions', 'x'.repeat(20_000)))).toBe(413);
    expect(await status(post('/api/v1/push/subscriptions', '{not json'))).toBe(400);
    expect(await status(post('/api/v1/push/subscriptions', { ...valid, place: { commune: '99999' } }))).toBe(
      404,
    );
    expect(await status(post('/api/v1/push/subscriptions', { ...valid, place: { departement: '00' } }))).toBe(
      404,
    );
    expect(await status(post('/api/v1/push/subscriptions', valid))).toBe(201);

    const off = { ...app, push: null };
    const refused = await subscribe(off, post('/api/v1/push/subscriptions', valid));
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.code).toBe('push_not_configured');

    expect(endpointAllowed('https://fcm.googleapis.com/fcm/send/abc', { extraHosts: [] })).toBe(true);
    expect(
      endpointAllowed('https://updates.push.services.mozilla.com/wpush/v2/abc', { extraHosts: [] }),
    ).toBe(true);
    expect(endpointAllowed('http://fcm.googleapis.com/fcm/send/abc', { extraHosts: [] })).toBe(false);
  });

  it('is off without VAPID variables and refuses half or mismatched ones with a clear message', () => {
    expect(pushSettingsFromEnv({})).toEqual({ settings: null, problems: [] });
    const one = webpush.generateVAPIDKeys();
    const other = webpush.generateVAPIDKeys();
    expect(pushSettingsFromEnv({ CRENEAU_VAPID_PUBLIC_KEY: one.publicKey }).problems.join('\n')).toMatch(
      /CRENEAU_VAPID_PRIVATE_KEY/,
    );
    expect(
      pushSettingsFromEnv({
        CRENEAU_VAPID_PUBLIC_KEY: one.publicKey,
        CRENEAU_VAPID_PRIVATE_KEY: other.privateKey,
        CRENEAU_VAPID_SUBJECT: 'mailto:ops@creneau.example',
      }).problems,
    ).toEqual(['CRENEAU_VAPID_PUBLIC_KEY is not the public key of CRENEAU_VAPID_PRIVATE_KEY']);
    expect(
      pushSettingsFromEnv({
        CRENEAU_VAPID_PUBLIC_KEY: one.publicKey,
        CRENEAU_VAPID_PRIVATE_KEY: one.privateKey,
        CRENEAU_VAPID_SUBJECT: 'ops@creneau.example',
      }).problems.join('\n'),
    ).toMatch(/mailto: or https:/);
  });
});
