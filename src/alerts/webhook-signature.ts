import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A delivery whose timestamp is further than this from the receiver's clock is refused: a captured
 * request cannot be replayed later. Within it, the delivery id is what tells a replay apart.
 */
export const SIGNATURE_TOLERANCE_S = 60;

/**
 * `v2=<hex HMAC-SHA256 of "<delivery id>.<timestamp>.<body>">`: what `Creneau-Signature` carries. The
 * delivery id (`Creneau-Delivery`) and the timestamp (`Creneau-Timestamp`) are both signed, so neither
 * can be changed to slip a replay past the receiver's de-duplication or its clock check.
 */
export function signWebhook(secret: string, delivery: string, timestamp: number, body: string): string {
  return `v2=${createHmac('sha256', secret).update(`${delivery}.${timestamp}.${body}`).digest('hex')}`;
}

/** The three headers a delivery carries, as received. */
export interface WebhookHeaders {
  /** `Creneau-Delivery` */
  delivery: string;
  /** `Creneau-Timestamp` (Unix seconds) */
  timestamp: string | number;
  /** `Creneau-Signature`; several `v2=` values separated by commas during a secret rotation */
  signature: string;
}

/**
 * The reference check (docs/API.md shows it standalone): recompute the HMAC over the delivery id, the
 * timestamp and the raw body exactly as received, compare in constant time, and refuse a timestamp
 * more than `toleranceS` (60 s) from the receiver's clock. Replays inside that window are the
 * verifier's job (`createWebhookVerifier`).
 */
export function verifyWebhookSignature(
  secret: string,
  headers: WebhookHeaders,
  body: string | Uint8Array,
  now: Date = new Date(),
  toleranceS = SIGNATURE_TOLERANCE_S,
): boolean {
  const { delivery, timestamp, signature } = headers;
  const seconds = typeof timestamp === 'number' ? timestamp : Number(timestamp.trim());
  if (!Number.isInteger(seconds) || !/^[0-9A-Za-z-]{1,100}$/.test(delivery)) return false;
  if (Math.abs(now.getTime() / 1000 - seconds) > toleranceS) return false;
  const expected = createHmac('sha256', secret).update(`${delivery}.${seconds}.`).update(body).digest();
  return signature.split(',').some((candidate) => {
    const [scheme, hex] = candidate.trim().split('=', 2);
    if (scheme !== 'v2' || !hex || !/^[0-9a-f]{64}$/i.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
}

export type WebhookVerdict = 'ok' | 'invalid' | 'replayed';

export interface WebhookVerifier {
  /**
   * `ok` the first time a genuine delivery id is seen; `replayed` when a genuine delivery comes again
   * within the window (answer 2xx and do nothing: it may be a retry of a delivery you processed, or a
   * captured request); `invalid` otherwise (answer 401).
   */
  verify(headers: WebhookHeaders, body: string | Uint8Array): WebhookVerdict;
  /** Forgets a delivery id, so its retry is accepted: call it when processing failed (and answer 5xx). */
  forget(delivery: string): void;
}

/**
 * A receiver's verifier that also remembers the delivery ids it accepted, for twice the tolerance:
 * past that, the timestamp check refuses the request anyway, so memory stays bounded by the rate.
 */
export function createWebhookVerifier(
  secret: string,
  options: { toleranceS?: number; now?: () => Date } = {},
): WebhookVerifier {
  const toleranceS = options.toleranceS ?? SIGNATURE_TOLERANCE_S;
  const now = options.now ?? (() => new Date());
  const seen = new Map<string, number>();
  return {
    verify(headers, body) {
      const at = now();
      for (const [id, until] of seen) if (until <= at.getTime()) seen.delete(id);
      if (!verifyWebhookSignature(secret, headers, body, at, toleranceS)) return 'invalid';
      if (seen.has(headers.delivery)) return 'replayed';
      seen.set(headers.delivery, at.getTime() + 2 * toleranceS * 1000);
      return 'ok';
    },
    forget(delivery) {
      seen.delete(delivery);
    },
  };
}
