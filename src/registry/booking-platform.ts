import { manifest } from '../platforms/manifest.ts';
import type { BookingPlatform } from './centre.ts';

/** Parses a booking URL as given in a source; null when it is empty or not an http(s) URL. */
export function parseBookingUrl(raw: string | null | undefined): URL | null {
  const text = raw?.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The booking platform a URL belongs to, by host: `none` without a URL, `other` for any other site. */
export function bookingPlatformOf(url: URL | string | null): BookingPlatform {
  if (url === null) return 'none';
  const parsed = typeof url === 'string' ? parseBookingUrl(url) : url;
  if (!parsed) return 'none';
  return manifest.ofHost(parsed.hostname)?.name ?? 'other';
}
