import { defineDiscovery } from '../../discovery/define-discovery.ts';
import type { Listed } from '../../discovery/match.ts';
import { parseBookingUrl } from '../../registry/booking-platform.ts';
import { departementOf } from '../../registry/departement.ts';
import { SMART_CENTRE_ID_SYSTEM } from '../../registry/identifier-systems.ts';
import type { AdapterContext } from '../context.ts';
import { loadFeed } from './feed.ts';
import { feedPhone } from './feed-fields.ts';
import smart from './platform.ts';
import type { SmartLocation } from './schemas.ts';

/**
 * A SMART Scheduling Links feed's Location file, read through the feed's own cache (feed.ts: the
 * manifest, then each file at most once a minute, revalidated): every Location in the départements
 * asked, by its postcode (or `address.district`). A Location naming a registry centre under
 * `urn:creneau:centre-id` is that centre.
 */
function departementOfLocation(location: SmartLocation): string | null {
  const postcode = location.address?.postalCode?.trim() ?? '';
  const french = !location.address?.country || /^(fr|fra|france)$/i.test(location.address.country);
  if (!french || !/^\d{5}$/.test(postcode)) return null;
  return departementOf(null, postcode);
}

export default defineDiscovery({
  name: smart.name,
  source: '$bulk-publish → Location file (filtered by postcode)',
  async list(ctx: AdapterContext, departements) {
    const wanted = new Set(departements.map((d) => d.code));
    const feed = await loadFeed(ctx);
    const listed: Listed[] = [];
    for (const location of feed.locations) {
      const departement = departementOfLocation(location);
      if (!departement || !wanted.has(departement)) continue;
      const postcode = location.address?.postalCode?.trim() ?? null;
      const url = parseBookingUrl(location.telecom.find((t) => t.system === 'url')?.value);
      listed.push({
        centre: {
          platform: smart.name,
          platform_id: location.id,
          name: location.name.trim(),
          address: { lines: location.address?.line.filter((l) => l.trim()) ?? [], postcode },
          commune: { insee: null, name: location.address?.city?.trim() || null },
          departement,
          location: location.position
            ? { lat: location.position.latitude, lon: location.position.longitude, precision: 'address' }
            : null,
          booking_url: url?.href ?? null,
          phones: location.telecom.flatMap((t) => {
            const phone = t.system === 'phone' ? feedPhone(t.value) : null;
            return phone ? [phone] : [];
          }),
        },
        namesCentres: location.identifier
          .filter((i) => i.system === SMART_CENTRE_ID_SYSTEM)
          .map((i) => i.value),
      });
    }
    return listed;
  },
  // A feed has no booking links of its own: its Locations are matched by identifier, name and place.
  linkKeys: () => null,
});
