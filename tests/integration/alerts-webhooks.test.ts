import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type AlertEvent, alertEventId } from '../../src/alerts/alert-event.ts';
import { createWebhookDispatcher, type WebhookDispatcher } from '../../src/alerts/webhook-dispatcher.ts';
import { verifyWebhookSignature } from '../../src/alerts/webhook-signature.ts';

interface Received {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A partner's endpoint on 127.0.0.1 answering each request with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[] = [204]) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        at: performance.now(),
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      response.statusCode = statuses[Math.min(received.length, statuses.length) - 1] ?? 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/creneau`;
  servers.push(server);
  return { url, received };
}

const servers: http.Server[] = [];
const dispatchers: WebhookDispatcher[] = [];
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.close()));
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const quiet = pino({ level: 'silent' });
const delivery = { attempts: 3, base_ms: 20, cap_ms: 50, timeout_ms: 2000 };
const SECRET_A = 'partner-a-secret-0123456789';
const SECRET_B = 'partner-b-secret-0123456789';

function dispatcher(endpoints: Parameters<typeof createWebhookDispatcher>[0]) {
  const created = createWebhookDispatcher(endpoints, { delivery, logger: quiet });
  dispatchers.push(created);
  return created;
}

function event(centreId: string, departement: string): AlertEvent {
  const detectedAt = new Date().toISOString();
  return {
    id: alertEventId(centreId, detectedAt),
    centre_id: centreId,
    centre_name: `Centre ${centreId}`,
    commune: { insee: '35238', name: 'Rennes' },
    departement,
    location: { lat: 48.1, lon: -1.67 },
    slot_count: 12,
    next_slot: '2021-04-22T12:30:00Z',
    booking_link: `https://creneau.example/go/${centreId}`,
    centre_url: `https://creneau.example/centres/${centreId}`,
    time_zone: 'Europe/Paris',
    detected_at: detectedAt,
  };
}

/** The verification docs/API.md gives partners, written out as they would. */
const headersOf = (delivered: Received) => ({
  delivery: String(delivered.headers['creneau-delivery']),
  timestamp: String(delivered.headers['creneau-timestamp']),
  signature: String(delivered.headers['creneau-signature']),
});

function partnerVerifies(secret: string, delivered: Received, now = Date.now()): boolean {
  const delivery = String(delivered.headers['creneau-delivery']);
  const timestamp = String(delivered.headers['creneau-timestamp']);
  const signature = String(delivered.headers['creneau-signature']);
  if (Math.abs(now / 1000 - Number(timestamp)) > 60) return false;
  const expected = createHmac('sha256', secret).update(`${delivery}.${timestamp}.${delivered.body}`).digest();
  const given = Buffer.from(signature.replace(/^v2=/, ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('signed webhooks', () => {
  it('POSTs the events as JSON with a timestamp and a signature the partner can verify', async () => {
    const partner = await receiver();
    const webhooks = dispatcher([{ url: partner.url, secret: SECRET_A }]);
    const events = [event('sante-1', '35'), event('sante-2', '56')];
    webhooks.dispatch(events);
    await webhooks.idle();

    expect(partner.received).toHaveLength(1);
    const [delivered] = partner.received;
    if (!delivered) throw new Error('nothing delivered');
    expect(delivered.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(delivered.headers['creneau-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(delivered.body)).toEqual({ type: 'slots.appeared', events });
    expect(partnerVerifies(SECRET_A, delivered)).toBe(true);
    expect(verifyWebhookSignature(SECRET_A, headersOf(delivered), delivered.body)).toBe(true);
  });

  it('fails verification for a tampered body, another secret or a replay after five minutes', async () => {
    const partner = await receiver();
    const webhooks = dispatcher([{ url: partner.url, secret: SECRET_A }]);
    webhooks.dispatch([event('sante-1', '35')]);
    await webhooks.idle();
    const [delivered] = partner.received;
    if (!delivered) throw new Error('nothing delivered');
    const timestamp = String(delivered.headers['creneau-timestamp']);
    const headers = headersOf(delivered);
    const tampered = delivered.body.replace('"slot_count":12', '"slot_count":120');
    expect(tampered).not.toBe(delivered.body);
    expect(verifyWebhookSignature(SECRET_A, headers, tampered)).toBe(false);
    expect(partnerVerifies(SECRET_A, { ...delivered, body: tampered })).toBe(false);
    expect(verifyWebhookSignature(SECRET_B, headers, delivered.body)).toBe(false);
    const sixMinutesLater = new Date(Number(timestamp) * 1000 + 6 * 60_000);
    expect(verifyWebhookSignature(SECRET_A, headers, delivered.body, sixMinutesLater)).toBe(false);
    expect(partnerVerifies(SECRET_A, delivered, sixMinutesLater.getTime())).toBe(false);
  });

  it('sends a partner only the départements it asked for', async () => {
    const brittany = await receiver();
    const paris = await receiver();
    const webhooks = dispatcher([
      { url: brittany.url, secret: SECRET_A, departements: ['35', '56'] },
      { url: paris.url, secret: SECRET_B, departements: ['75'] },
    ]);
    webhooks.dispatch([event('sante-1', '35'), event('sante-2', '29')]);
    await webhooks.idle();
    expect(
      brittany.received.map((r) => JSON.parse(r.body).events.map((e: AlertEvent) => e.centre_id)),
    ).toEqual([['sante-1']]);
    expect(paris.received).toEqual([]);
  });

  it('retries a failing endpoint a bounded number of times, with the same delivery id, without holding up another', async () => {
    const failing = await receiver([500]);
    const healthy = await receiver();
    const webhooks = dispatcher([
      { url: failing.url, secret: SECRET_A },
      { url: healthy.url, secret: SECRET_B },
    ]);
    webhooks.dispatch([event('sante-1', '35')]);
    await webhooks.idle();

    expect(failing.received).toHaveLength(delivery.attempts);
    expect(new Set(failing.received.map((r) => r.headers['creneau-delivery'])).size).toBe(1);
    expect(failing.received.every((r) => partnerVerifies(SECRET_A, r))).toBe(true);
    expect(healthy.received).toHaveLength(1);
    expect(healthy.received[0]?.at).toBeLessThan(failing.received.at(-1)?.at ?? 0);
    expect(partnerVerifies(SECRET_B, healthy.received[0] as Received)).toBe(true);
  });

  it('stops retrying once the endpoint recovers, and does not retry a refusal such as 400', async () => {
    const recovering = await receiver([503, 200]);
    const refusing = await receiver([400]);
    const webhooks = dispatcher([
      { url: recovering.url, secret: SECRET_A },
      { url: refusing.url, secret: SECRET_B },
    ]);
    webhooks.dispatch([event('sante-1', '35')]);
    await webhooks.idle();
    expect(recovering.received).toHaveLength(2);
    expect(refusing.received).toHaveLength(1);
  });

  it('keeps deliveries to one endpoint in order', async () => {
    const partner = await receiver();
    const webhooks = dispatcher([{ url: partner.url, secret: SECRET_A }]);
    for (const id of ['sante-1', 'sante-2', 'sante-3']) webhooks.dispatch([event(id, '35')]);
    await webhooks.idle();
    expect(partner.received.map((r) => JSON.parse(r.body).events[0].centre_id)).toEqual([
      'sante-1',
      'sante-2',
      'sante-3',
    ]);
  });
});
