import { createHmac, timingSafeEqual } from 'node:crypto';

/** A delivery older or newer than this is refused: a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_S = 300;

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`: what `Creneau-Signature` carries. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The reference check a receiver runs (docs/API.md shows it standalone): recompute the HMAC over
 * the timestamp and the raw body exactly as received, compare in constant time, and refuse a
 * timestamp more than five minutes from the receiver's clock.
 *
 * @param timestamp the `Creneau-Timestamp` header (Unix seconds)
 * @param signature the `Creneau-Signature` header; several `v1=` values separated by commas are
 * accepted, so a secret can be rotated without a gap
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | number,
  body: string | Uint8Array,
  signature: string,
  now: Date = new Date(),
): boolean {
  const seconds = typeof timestamp === 'number' ? timestamp : Number(timestamp.trim());
  if (!Number.isInteger(seconds)) return false;
  if (Math.abs(now.getTime() / 1000 - seconds) > SIGNATURE_TOLERANCE_S) return false;
  const expected = createHmac('sha256', secret).update(`${seconds}.`).update(body).digest();
  return signature.split(',').some((candidate) => {
    const [scheme, hex] = candidate.trim().split('=', 2);
    if (scheme !== 'v1' || !hex || !/^[0-9a-f]{64}$/i.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
}
