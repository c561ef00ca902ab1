import type { Centre } from '../registry/centre.ts';
import type { CentreIndex } from '../registry/centre-index.ts';
import { isRedirectorHost, repairLink } from '../registry/import/link-repair.ts';
import { type Lifecycle, lifecycleOf } from '../registry/lifecycle.ts';
import { type BookingPolicy, bookingTarget, DEFAULT_BOOKING_POLICY } from './booking-target.ts';

export type BookingRedirect =
  | { kind: 'redirect'; location: string; centre: Centre }
  /** A booking host that is no known platform (nor allow-listed): the page "vous quittez Créneau pour …". */
  | { kind: 'interstitial'; location: string; host: string; centre: Centre }
  /** No booking URL, or one `/go` will not send anybody to (not http(s)): the page lists its phones. */
  | { kind: 'no-booking-url'; centre: Centre }
  /** Closed, or not open yet: nobody is sent to book; its page says why (and lists open centres near). */
  | { kind: 'not-bookable'; centre: Centre; lifecycle: Exclude<Lifecycle, { state: 'open' }> }
  | { kind: 'unknown-centre' };

/**
 * Where `/go/{id}` sends a person, on the day `now` (the app's clock), for the Astro route and the
 * fast path alike. The target is only ever the registry's own URL for that centre (for a duplicate,
 * the centre kept in its stead): nothing in the request but the id takes part, so the redirect
 * cannot be pointed elsewhere. A closed centre, or one not open yet, is never a redirect. The
 * location is always https and plain ASCII, a known platform's or an allow-listed host's
 * (booking-target.ts); any other host gets the interstitial.
 */
export function resolveBookingRedirect(
  centres: Pick<CentreIndex, 'byId'>,
  id: string,
  now: Date,
  policy: BookingPolicy = DEFAULT_BOOKING_POLICY,
): BookingRedirect {
  const asked = centres.byId(id);
  const kept = asked?.duplicate_of ? centres.byId(asked.duplicate_of) : undefined;
  const centre = kept ?? asked;
  if (!centre) return { kind: 'unknown-centre' };
  const lifecycle = lifecycleOf(centre, now);
  if (lifecycle.state !== 'open') return { kind: 'not-bookable', centre, lifecycle };
  if (!centre.booking.url) return { kind: 'no-booking-url', centre };
  // The import already unwraps redirectors; a registry written before it did is unwrapped here, so that
  // `/go` only ever sends people to the platform itself (import/link-repair.ts).
  const url = centre.booking.url;
  const wrapped = isRedirectorHost(URL.parse(url)?.hostname ?? '');
  const target = bookingTarget(withSourceTag(wrapped ? repairLink(url).url : url), policy);
  if (target.kind === 'refused') return { kind: 'no-booking-url', centre };
  if (target.kind === 'interstitial') return { ...target, centre };
  return { kind: 'redirect', location: target.location, centre };
}

/**
 * Appends `source=creneau` so providers can see where bookings come from. Done on the string,
 * not through URLSearchParams, which would re-encode the provider's own query string.
 */
export function withSourceTag(bookingUrl: string): string {
  const hashAt = bookingUrl.indexOf('#');
  const beforeHash = hashAt === -1 ? bookingUrl : bookingUrl.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : bookingUrl.slice(hashAt);
  if (/[?&]source=creneau(&|$)/.test(beforeHash)) return bookingUrl;
  const separator = !beforeHash.includes('?')
    ? '?'
    : beforeHash.endsWith('?') || beforeHash.endsWith('&')
      ? ''
      : '&';
  return `${beforeHash}${separator}source=creneau${hash}`;
}

/** Redirects may be cached briefly: a re-import can change a centre's booking URL. */
export const REDIRECT_CACHE_CONTROL = 'public, max-age=300';
