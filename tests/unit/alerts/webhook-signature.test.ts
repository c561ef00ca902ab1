import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '../../../src/alerts/webhook-signature.ts';

const secret = 'whsec-0123456789abcdef';
const body = '{"type":"slots.appeared","events":[]}';
const now = new Date('2021-04-20T08:00:00Z');
const timestamp = now.getTime() / 1000;

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256, as docs/API.md tells receivers', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(signWebhook(secret, timestamp, body)).toBe(`v1=${expected}`);
  });

  it('verifies its own signature, from header strings or a raw body buffer', () => {
    const signature = signWebhook(secret, timestamp, body);
    expect(verifyWebhookSignature(secret, String(timestamp), body, signature, now)).toBe(true);
    expect(verifyWebhookSignature(secret, timestamp, Buffer.from(body), signature, now)).toBe(true);
  });

  it('refuses a tampered body, another secret, or another timestamp', () => {
    const signature = signWebhook(secret, timestamp, body);
    expect(verifyWebhookSignature(secret, timestamp, body.replace('[]', '[{}]'), signature, now)).toBe(false);
    expect(verifyWebhookSignature('another-secret-0123456', timestamp, body, signature, now)).toBe(false);
    expect(verifyWebhookSignature(secret, timestamp + 1, body, signature, now)).toBe(false);
  });

  it('refuses a timestamp more than five minutes away, even correctly signed (replay)', () => {
    const old = timestamp - 301;
    expect(verifyWebhookSignature(secret, old, body, signWebhook(secret, old, body), now)).toBe(false);
    const edge = timestamp - 300;
    expect(verifyWebhookSignature(secret, edge, body, signWebhook(secret, edge, body), now)).toBe(true);
    const future = timestamp + 301;
    expect(verifyWebhookSignature(secret, future, body, signWebhook(secret, future, body), now)).toBe(false);
  });

  it('accepts any one of several v1 signatures (secret rotation) and refuses malformed ones', () => {
    const good = signWebhook(secret, timestamp, body);
    const stale = signWebhook('previous-secret-012345', timestamp, body);
    expect(verifyWebhookSignature(secret, timestamp, body, `${stale}, ${good}`, now)).toBe(true);
    expect(verifyWebhookSignature(secret, timestamp, body, good.replace('v1=', 'v0='), now)).toBe(false);
    expect(verifyWebhookSignature(secret, timestamp, body, 'v1=abc', now)).toBe(false);
    expect(verifyWebhookSignature(secret, 'soon', body, good, now)).toBe(false);
  });
});
