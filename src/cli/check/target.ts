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
  return centres.find((centre) => {
    if (!centre.booking.url) return false;
    return centre.booking.url === url.href || urlKey(new URL(centre.booking.url)) === key;
  });
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
