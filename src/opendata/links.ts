import { bookingLink } from '../api/centre-json.ts';
import type { Centre } from '../registry/centre.ts';

/**
 * Links inside open-data files are absolute (a re-user's page is on another site) and always go
 * through `/go/{id}`, so that the only booking targets are the registry's own URLs.
 */
export function originOf(request: Request): string {
  return new URL(request.url).origin;
}

export function absoluteBookingLink(origin: string, centre: Pick<Centre, 'id'>): string {
  return `${origin}${bookingLink(centre)}`;
}

export function absoluteCentrePage(origin: string, centre: Pick<Centre, 'id'>): string {
  return `${origin}/centres/${encodeURIComponent(centre.id)}`;
}
