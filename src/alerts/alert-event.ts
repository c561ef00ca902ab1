import { createHash } from 'node:crypto';
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });

/**
 * "Slots appeared at this centre": what feeds list and webhooks deliver. It carries everything a
 * subscriber needs without a second request, with absolute links through Créneau's `/go/{id}`.
 * Stored in the shared cache, so parsed again when read back.
 */
export const AlertEvent = z.object({
  /** A UUID derived from the centre and the detection instant: the same event always has the same id. */
  id: z.uuid(),
  centre_id: z.string(),
  centre_name: z.string(),
  commune: z.object({ insee: z.string().nullable(), name: z.string().nullable() }),
  departement: z.string().nullable(),
  location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  slot_count: z.int().positive(),
  next_slot: instant.nullable(),
  /** Absolute `/go/{id}` link, or null when the centre books only by phone. */
  booking_link: z.url().nullable(),
  /** Absolute link to the centre's page. */
  centre_url: z.url(),
  /** The centre's IANA zone: dates are shown in it. */
  time_zone: z.string(),
  detected_at: instant,
});
export type AlertEvent = z.infer<typeof AlertEvent>;

/** A name-based UUID (RFC 9562 version 8 layout) from the centre and the instant. */
export function alertEventId(centreId: string, detectedAt: string): string {
  const hex = createHash('sha256').update(`${centreId}\n${detectedAt}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
