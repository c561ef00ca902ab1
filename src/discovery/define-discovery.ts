import type { AdapterContext } from '../adapters/context.ts';
import type { DiscoveryDepartement } from './departements.ts';
import type { LinkKeys, Listed } from './match.ts';

/**
 * What a platform's `discover.ts` exports by default (an optional part of its folder, declared by
 * `discovers: true` in its platform.ts): how to list the centres the platform itself shows, by
 * département, through its public search or listing, and how to read the place of one of its links.
 */
export interface PlatformDiscovery {
  readonly name: string;
  /** The platform's public search or listing it reads, for the docs and the command's report. */
  readonly source: string;
  /**
   * The centres the platform lists in these départements. Requests go through `ctx.fetch` (the
   * provider's lane: its rate limit, its `Retry-After` pauses) with the adapters' HTTP helpers, so a
   * failure is a `ProviderError`; responses are validated by the platform's zod schemas.
   */
  list(ctx: AdapterContext, departements: readonly DiscoveryDepartement[]): Promise<Listed[]>;
  /** The place a booking link names and its page; null when the link is not this platform's. */
  linkKeys(url: string): LinkKeys | null;
}

const DISCOVERY = Symbol.for('creneau.discovery');

export function defineDiscovery(discovery: PlatformDiscovery): PlatformDiscovery {
  return Object.assign(discovery, { [DISCOVERY]: true });
}

export function isDiscovery(value: unknown): value is PlatformDiscovery {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DISCOVERY] === true
  );
}
