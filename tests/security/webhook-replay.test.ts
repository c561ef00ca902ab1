import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createWebhookVerifier,
  SIGNATURE_TOLERANCE_S,
  signWebhook,
  verifyWebhookSignature,
} from '../../src/alerts/webhook-signature.ts';

// Issue 13, point 7: the delivery id and the timestamp are inside the signed string, the default
// tolerance is 60 s, and the reference verifier rejects a replayed delivery id.

const secret = 'whsec-0123456789abcdef';
const body = '{"type":"slots.appeared","events":[{"id":"e1"}]}';
const sentAt = new Date('2021-04-20T08:00:00Z');
const timestamp = sentAt.getTime() / 1000;
const delivery = '0b6f3c1e-6a57-4c2e-9c55-2f1e4c1f7a10';

describe('webhook replay', () => {
  it('signs the delivery id and the timestamp with the body', () => {
    const signature = signWebhook(secret, delivery, timestamp, body);
    const expected = createHmac('sha256', secret).update(`${delivery}.${timestamp}.${body}`).digest('hex');
    expect(signature).toBe(`v2=${expected}`);
    // Another id under the same signature is not genuine: de-duplication by id cannot be dodged.
    const headers = { delivery: 'ffffffff-6a57-4c2e-9c55-2f1e4c1f7a10', timestamp, signature };
    expect(verifyWebhookSignature(secret, headers, body, sentAt)).toBe(false);
  });

  it('refuses by default a delivery replayed 61 s later, and the 299 s of the issue', () => {
    expect(SIGNATURE_TOLERANCE_S).toBe(60);
    const headers = { delivery, timestamp, signature: signWebhook(secret, delivery, timestamp, body) };
    const later = (s: number) => new Date(sentAt.getTime() + s * 1000);
    expect(verifyWebhookSignature(secret, headers, body, later(60))).toBe(true);
    expect(verifyWebhookSignature(secret, headers, body, later(61))).toBe(false);
    expect(verifyWebhookSignature(secret, headers, body, later(299))).toBe(false);
  });

  it('rejects a replayed delivery id within the window, and accepts its retry once forgotten', () => {
    let now = sentAt;
    const verifier = createWebhookVerifier(secret, { now: () => now });
    const headers = { delivery, timestamp, signature: signWebhook(secret, delivery, timestamp, body) };
    expect(verifier.verify(headers, body)).toBe('ok');
    now = new Date(sentAt.getTime() + 10_000);
    expect(verifier.verify(headers, body)).toBe('replayed');
    // A retry carries the same id with a fresh timestamp and signature: still a replay for a processed one…
    const retryAt = timestamp + 10;
    const retry = { delivery, timestamp: retryAt, signature: signWebhook(secret, delivery, retryAt, body) };
    expect(verifier.verify(retry, body)).toBe('replayed');
    // …and accepted when the receiver failed to process the first and said so.
    verifier.forget(delivery);
    expect(verifier.verify(retry, body)).toBe('ok');
    expect(verifier.verify({ ...retry, signature: retry.signature.replace(/.$/, '0') }, body)).not.toBe('ok');
  });

  it('forgets ids once their timestamps are out of the window anyway (bounded memory)', () => {
    let now = sentAt;
    const verifier = createWebhookVerifier(secret, { now: () => now });
    const headers = { delivery, timestamp, signature: signWebhook(secret, delivery, timestamp, body) };
    expect(verifier.verify(headers, body)).toBe('ok');
    now = new Date(sentAt.getTime() + 121_000);
    // Out of the window: refused as invalid by the clock check, not kept as a replay.
    expect(verifier.verify(headers, body)).toBe('invalid');
  });
});
