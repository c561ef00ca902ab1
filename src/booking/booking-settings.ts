import { z } from 'zod';
import type { BookingPolicy } from './booking-target.ts';

const Hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, {
    message: 'must be a host name (no scheme, path or port)',
  });

/**
 * The `booking` section of `creneau.config.json`. `allowed_hosts`: booking hosts that are no platform
 * Créneau knows (a hospital's own site) but that the operator vouches for, so that `/go` redirects
 * to them (https only) instead of showing "vous quittez Créneau pour …"; a subdomain counts.
 * `CRENEAU_BOOKING_ALLOWED_HOSTS` (comma-separated) adds to the list.
 */
export const BookingSettings = z.strictObject({
  allowed_hosts: z.array(Hostname).default([]),
});
export type BookingSettings = z.infer<typeof BookingSettings>;

export function resolveBookingSettings(
  file: BookingSettings | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { settings: BookingSettings; problems: string[] } {
  const fromEnv = (env.CRENEAU_BOOKING_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const parsed = z.array(Hostname).safeParse(fromEnv);
  if (!parsed.success)
    return {
      settings: file ?? BookingSettings.parse({}),
      problems: [`CRENEAU_BOOKING_ALLOWED_HOSTS: ${parsed.error.issues[0]?.message ?? 'invalid'}`],
    };
  return {
    settings: { allowed_hosts: [...new Set([...(file?.allowed_hosts ?? []), ...parsed.data])] },
    problems: [],
  };
}

export function bookingPolicy(settings: BookingSettings): BookingPolicy {
  return { allowedHosts: settings.allowed_hosts };
}
