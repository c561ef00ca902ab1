import { parsePhone } from '../../registry/import/phone.ts';
import type { AdapterContext } from '../context.ts';
import { privateAddressProblem } from '../http.ts';

/**
 * Feed-supplied values checked before use, by the same rules as the official list's: a phone is
 * republished only when the importer would have read it as dialable (import/phone.ts), in its E.164
 * form; anything else is dropped, never shown as written.
 */
export function feedPhone(text: string | null | undefined): string | null {
  if (!text) return null;
  return parsePhone(text, 'booking-phone').value;
}

/**
 * Why the poller must not fetch a URL the feed's manifest lists, or null: it must be on the
 * configured feed's origin (`base_url`) or one of `feed_origins`, and never a loopback, link-local or
 * private address unless the operator allows it (`allow_private_addresses`).
 */
export function feedUrlProblem(ctx: AdapterContext<unknown>, url: URL): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${url.protocol} is not http(s)`;
  const origins = [ctx.settings.base_url, ...(ctx.settings.feed_origins ?? [])].map((o) => new URL(o).origin);
  if (!origins.includes(url.origin))
    return `${url.origin} is not the feed's origin (add it to feed_origins to allow it)`;
  return privateAddressProblem(ctx, url);
}
