import { parseBookingUrl } from '../registry/booking-platform.ts';
import type { Centre } from '../registry/centre.ts';
import type { Adapter } from './define-adapter.ts';
import doctolib from './doctolib/adapter.ts';
import keldoc from './keldoc/adapter.ts';
import maiia from './maiia/adapter.ts';
import noOnlineBooking from './no-online-booking.ts';
import phoneOnly from './phone-only.ts';
import smart from './smart/adapter.ts';

/** Every adapter; adding a provider adds one line here. Order is the order `findAdapterFor` asks in. */
export const adapters: readonly Adapter[] = [
  doctolib as Adapter,
  maiia as Adapter,
  keldoc as Adapter,
  smart as Adapter,
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
