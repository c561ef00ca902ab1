import type { Platform } from '../platforms/define-platform.ts';
import { loadPlatformPart } from '../platforms/load-platform.ts';
import { manifest } from '../platforms/manifest.ts';
import { parseBookingUrl } from '../registry/booking-platform.ts';
import type { Centre } from '../registry/centre.ts';
import { type Adapter, isAdapter } from './define-adapter.ts';
import noOnlineBooking from './no-online-booking.ts';
import phoneOnly from './phone-only.ts';

/** Loads each platform's adapter (`src/adapters/<name>/adapter.ts`), checking it is the one declared. */
export async function loadAdapters(platforms: readonly Platform[]): Promise<Adapter[]> {
  return Promise.all(
    platforms.map(async (platform) => {
      const adapter = await loadPlatformPart(platform, 'adapter');
      if (!isAdapter(adapter) || adapter.name !== platform.name)
        throw new Error(
          `the adapter of ${platform.name} must export default defineAdapter({ name: '${platform.name}', … })`,
        );
      return adapter;
    }),
  );
}

/**
 * Every adapter: one per platform of the manifest, in its order (the order `findAdapterFor` asks in),
 * then the two that make no request.
 */
export const adapters: readonly Adapter[] = [
  ...(await loadAdapters(manifest.platforms)),
  phoneOnly as Adapter,
  noOnlineBooking as Adapter,
];

export function adapterNamed(name: string): Adapter | undefined {
  return adapters.find((adapter) => adapter.name === name);
}

/** The adapter whose booking URLs include this one (`creneau check <url>`), if any. */
export function adapterClaiming(url: URL | string): Adapter | undefined {
  const parsed = typeof url === 'string' ? parseBookingUrl(url) : url;
  return parsed ? adapters.find((adapter) => adapter.claims(parsed)) : undefined;
}

/**
 * The adapter for a centre: one that takes it by what it is (a feed's own centre, phone only,
 * no online booking), else the one claiming its booking URL. A centre on a known platform whose
 * URL no adapter understands (a search page, say) gets `no-online-booking`: an honest `unknown`.
 */
export function findAdapterFor(centre: Centre): Adapter {
  const byCentre = adapters.find((adapter) => adapter.makesRequests && adapter.claimsCentre(centre));
  if (byCentre) return byCentre;
  const byUrl = centre.booking.url ? adapterClaiming(centre.booking.url) : undefined;
  if (byUrl) return byUrl;
  return (
    centre.phones.length > 0 && centre.booking.platform === 'none' ? phoneOnly : noOnlineBooking
  ) as Adapter;
}
