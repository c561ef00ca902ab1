import { z } from 'zod';
import { inseeCode, RADIUS_KM } from '../search/params.ts';

const base64urlBytes = (min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
    .refine(
      (value) => {
        const length = Buffer.from(value, 'base64url').length;
        return length >= min && length <= max;
      },
      `must be ${min === max ? min : `${min} to ${max}`} bytes`,
    );

/** What `PushSubscription.toJSON()` gives in a browser (W3C Push API), as we accept it. */
export const BrowserSubscription = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    /** The browser's ECDH P-256 public key, uncompressed (RFC 8291 `ua_public`). */
    p256dh: base64urlBytes(65, 65),
    /** The 16-byte authentication secret (RFC 8291 `auth_secret`). */
    auth: base64urlBytes(16, 16),
  }),
});
export type BrowserSubscription = z.infer<typeof BrowserSubscription>;

/** What a person asked to be told about: the same places as the Atom feeds. */
export const PushScope = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('commune'),
    insee: z.string(),
    name: z.string(),
    radius_km: z.number().min(RADIUS_KM.min).max(RADIUS_KM.max),
    lat: z.number(),
    lon: z.number(),
  }),
  z.strictObject({ kind: z.literal('departement'), code: z.string(), name: z.string() }),
]);
export type PushScope = z.infer<typeof PushScope>;

/** One browser's alert, as kept (encrypted) by the subscription store. */
export const StoredSubscription = z.strictObject({
  endpoint: z.string(),
  keys: z.strictObject({ p256dh: z.string(), auth: z.string() }),
  scope: PushScope,
  lang: z.enum(['fr', 'en']),
  created_at: z.iso.datetime({ offset: true }),
});
export type StoredSubscription = z.infer<typeof StoredSubscription>;

/** `POST /api/v1/push/subscriptions`: the browser's subscription and the place, as the alert page sends them. */
export const SubscribeRequest = z.strictObject({
  subscription: BrowserSubscription,
  place: z.union([
    z.strictObject({
      commune: inseeCode,
      rayon: z.coerce.number().min(RADIUS_KM.min).max(RADIUS_KM.max).default(RADIUS_KM.default),
    }),
    z.strictObject({ departement: z.string().max(3) }),
  ]),
  lang: z.enum(['fr', 'en']).default('fr'),
});
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

/** `POST /api/v1/push/unsubscribe`: the endpoint is all it takes (the service worker sends it from a notification). */
export const UnsubscribeRequest = z.strictObject({ endpoint: z.string().min(1).max(2048) });
