import type { AdapterContext } from '../adapters/context.ts';
import type { Adapter } from '../adapters/define-adapter.ts';
import { adapterNamed, findAdapterFor } from '../adapters/registry.ts';
import { discoverFeedCentres, type SmartOptions } from '../adapters/smart/adapter.ts';
import type { Centre } from '../registry/centre.ts';

/**
 * The adapter for each centre, knowing what `findAdapterFor` cannot: registry centres that a SMART
 * feed publishes (matched by `discoverFeedCentres`) are polled through the feed.
 */
export function adapterForCentre(centre: Centre, feedMatched: ReadonlyMap<string, string>): Adapter {
  const smart = adapterNamed('smart');
  if (smart && feedMatched.has(centre.id)) return smart;
  return findAdapterFor(centre);
}

/** Registry centres the feed publishes (centre id → feed location id). Throws what the feed load throws. */
export async function discoverFeedMatches(ctx: AdapterContext): Promise<ReadonlyMap<string, string>> {
  const { matched } = await discoverFeedCentres(ctx as AdapterContext<SmartOptions>);
  return matched;
}
