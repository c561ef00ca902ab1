import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '../../../src/alerts/webhook-signature.ts';

const secret = 'whsec-0123456789abcdef';
const body = '{"type":"slots.appeared","events":[]}';
const now = new Date('2021-04-20T08:00:00Z');
const timestamp = now.getTime() / 1000;
const delivery = '0b6f3c1e-6a57-4c2e-9c55-2f1e4c1f7a10';
const signed = (at = timestamp, id = delivery, secretUsed = secret) => ({
  delivery: id,
  timestamp: at,
  signature: signWebhook(secretUsed, id, at, body),
});

describe('webhook signatures', () => {
  it('signs "<delivery>.<timestamp>.<body>" with HMAC-SHA256, as docs/API.md tells receivers', () => {
    const expected = createHmac('sha256', secret).update(`${delivery}.${timestamp}.${body}`).digest('hex');
    expect(signWebhook(secret, delivery, timestamp, body)).toBe(`v2=${expected}`);
  });

  it('verifies its own signature, from header strings or a raw body buffer', () => {
    const headers = signed();
    expect(verifyWebhookSignature(secret, { ...headers, timestamp: String(timestamp) }, body, now)).toBe(
      true,
    );
    expect(verifyWebhookSignature(secret, headers, Buffer.from(body), now)).toBe(true);
  });

  it('refuses a tampered body, another secret, another timestamp or another delivery id', () => {
    const headers = signed();
    expect(verifyWebhookSignature(secret, headers, body.replace('[]', '[{}]'), now)).toBe(false);
    expect(verifyWebhookSignature('another-secret-0123456', headers, body, now)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...headers, timestamp: timestamp + 1 }, body, now)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...headers, delivery: `${delivery}x` }, body, now)).toBe(false);
  });

  it('refuses a timestamp more than 60 s away, even correctly signed', () => {
    expect(verifyWebhookSignature(secret, signed(timestamp - 61), body, now)).toBe(false);
    expect(verifyWebhookSignature(secret, signed(timestamp - 60), body, now)).toBe(true);
    expect(verifyWebhookSignature(secret, signed(timestamp + 61), body, now)).toBe(false);
  });

  it('accepts any one of several v2 signatures (secret rotation) and refuses malformed ones', () => {
    const good = signed().signature;
    const stale = signed(timestamp, delivery, 'previous-secret-012345').signature;
    const verify = (signature: string, at: string | number = timestamp) =>
      verifyWebhookSignature(secret, { delivery, timestamp: at, signature }, body, now);
    expect(verify(`${stale}, ${good}`)).toBe(true);
    expect(verify(good.replace('v2=', 'v1='))).toBe(false);
    expect(verify('v2=abc')).toBe(false);
    expect(verify(good, 'soon')).toBe(false);
  });
});
