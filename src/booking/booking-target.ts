import { manifest as builtinManifest } from '../platforms/manifest.ts';

/** The part of the platform manifest `/go` reads: who owns a host. */
export interface HostOwners {
  ofHost(hostname: string): { readonly name: string } | undefined;
}

/**
 * What `/go` may do with a registry booking URL. Only ever a redirect to an https URL of a known
 * booking platform (or of a host the operator allow-listed); any other http(s) URL gets the one-line
 * page "vous quittez Créneau pour …" with a link the person clicks; anything else is refused.
 */
export type BookingTarget =
  | { kind: 'redirect'; location: string }
  | { kind: 'interstitial'; location: string; host: string }
  | { kind: 'refused'; reason: string };

export interface BookingPolicy {
  /** Hosts (a subdomain counts) sent to directly although no platform of the manifest owns them. */
  allowedHosts: readonly string[];
}

export const DEFAULT_BOOKING_POLICY: BookingPolicy = { allowedHosts: [] };

// A header value that Node's `writeHead` accepts and every client reads the same way.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * Decides where a booking URL may send people. The URL is re-serialised by the WHATWG parser, so the
 * result is plain ASCII (non-ASCII path, query and fragment percent-encoded, host in punycode) and
 * can go into a `Location` header as is; credentials (`https://doctolib.fr@evil.example`) are dropped.
 * Every booking platform of the manifest serves https: an `http://` link to one is upgraded.
 */
export function bookingTarget(
  bookingUrl: string,
  policy: BookingPolicy = DEFAULT_BOOKING_POLICY,
  platforms: HostOwners = builtinManifest,
): BookingTarget {
  const url = URL.parse(bookingUrl.trim());
  if (!url) return { kind: 'refused', reason: 'not a URL' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { kind: 'refused', reason: `${url.protocol} is not http(s)` };
  if (!url.hostname) return { kind: 'refused', reason: 'no host' };
  url.username = '';
  url.password = '';
  const host = url.hostname;
  const platform = platforms.ofHost(host);
  if (platform && url.protocol === 'http:') url.protocol = 'https:';
  const location = url.href;
  if (!HEADER_SAFE.test(location)) return { kind: 'refused', reason: 'not writable as a header' };
  const allowed = platform !== undefined || isAllowedHost(host, policy.allowedHosts);
  if (allowed && url.protocol === 'https:') return { kind: 'redirect', location };
  return { kind: 'interstitial', location, host };
}

function isAllowedHost(hostname: string, allowed: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return allowed.some((entry) => {
    const h = entry.trim().toLowerCase();
    return h !== '' && (host === h || host.endsWith(`.${h}`));
  });
}
