import { bookingPlatformOf } from '../../registry/booking-platform.ts';
import { type Centre, UNKNOWN_DETAILS } from '../../registry/centre.ts';

/** A booking URL compared loosely: host case, a trailing slash and query order do not matter. */
function urlKey(url: URL): string {
  const query = [...url.searchParams].map(([k, v]) => `${k.toLowerCase()}=${v}`).sort();
  return `${url.hostname.toLowerCase()}${url.pathname.replace(/\/+$/, '')}?${query.join('&')}`;
}

/** The registry centre whose booking URL this is, if any. */
export function centreWithUrl(centres: readonly Centre[], url: URL): Centre | undefined {
  const key = urlKey(url);
  // The link as the official list wrote it finds the centre too, whose link the import repaired or resolved.
  const matches = (written: string | null | undefined) => {
    const parsed = written ? URL.parse(written) : null;
    return parsed !== null && (written === url.href || urlKey(parsed) === key);
  };
  return centres.find((centre) => matches(centre.booking.url) || matches(centre.booking.original_url));
}

/** A centre made from the URL alone, for links the registry does not know (times in Europe/Paris). */
export function centreFromUrl(url: URL): Centre {
  const slug = `${url.hostname}${url.pathname}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return {
    id: `check-${slug || 'url'}`,
    name: `${url.hostname}${url.pathname}`,
    ...UNKNOWN_DETAILS,
    booking: { url: url.href, platform: bookingPlatformOf(url) },
    source: { kind: 'demo', id: null, updated_at: null },
  };
}
