import type { PublicAvailability } from '../availability/public-availability.ts';
import type { Centre } from '../registry/centre.ts';
import { booksByPhoneOnly } from '../registry/centre.ts';

/** Where the site sends people to book: our redirect, so that only registry URLs are ever targets. */
export function bookingLink(centre: Pick<Centre, 'id'>): string {
  return `/go/${encodeURIComponent(centre.id)}`;
}

/** A centre as the API shows it: the registry model, its availability, and how to book through Créneau. */
export function centreJson(centre: Centre, availability: PublicAvailability, distanceKm?: number | null) {
  return {
    ...centre,
    ...(distanceKm === undefined
      ? {}
      : { distance_km: distanceKm === null ? null : Math.round(distanceKm * 100) / 100 }),
    booking_link: centre.booking.url ? bookingLink(centre) : null,
    phone_only: booksByPhoneOnly(centre),
    availability,
  };
}
