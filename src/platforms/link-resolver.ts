/**
 * What a platform's `resolve-link.ts` exports by default: how to find, in the platform's own public
 * listing of centres, the pollable link of a centre whose link cannot be polled as written (a Maiia
 * link with only its page slug). Loaded only by `creneau import` (load-platform.ts), like an adapter.
 */

export interface LinkResolverContext {
  /** The platform's API root: its real host or a simulator's. */
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  /** The links to resolve: a resolver may ask its listing only what they need. */
  links: readonly URL[];
}

/** The listing, fetched once: the pollable link for a link, or null when the listing has no such centre. */
export interface ResolvedListing {
  /** Where it came from, for the report (`https://www.maiia.com/api/pat-public/hcd`, 412 centres). */
  source: string;
  resolve(url: URL): string | null;
}

export interface LinkResolver {
  readonly name: string;
  /** Throws on a network failure or an answer that does not fit the listing's schema. */
  listing(ctx: LinkResolverContext): Promise<ResolvedListing>;
}

export function defineLinkResolver(resolver: LinkResolver): LinkResolver {
  return resolver;
}

export function isLinkResolver(value: unknown): value is LinkResolver {
  return typeof value === 'object' && value !== null && typeof (value as LinkResolver).listing === 'function';
}
