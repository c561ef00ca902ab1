import { distanceKm } from '../../geo/distance.ts';
import { bookingPlatformOf, parseBookingUrl } from '../../registry/booking-platform.ts';
import { type Centre, UNKNOWN_DETAILS } from '../../registry/centre.ts';
import { nameSimilarity } from '../../registry/centre-name.ts';
import { departementOf } from '../../registry/departement.ts';
import { feedPhone } from './feed-fields.ts';
import type { SmartLocation } from './schemas.ts';

export interface MatchOptions {
  radiusM: number;
  minSimilarity: number;
}

/**
 * Which registry centre each feed location is: the one whose id the location lists as an
 * identifier, else the most similar name within `radiusM`. Returns centre id → location id.
 */
export function matchLocations(
  locations: readonly SmartLocation[],
  centres: readonly Centre[],
  { radiusM, minSimilarity }: MatchOptions,
): Map<string, string> {
  const byId = new Map(centres.map((c) => [c.id, c]));
  const matches = new Map<string, string>();
  const unidentified: SmartLocation[] = [];
  // Identifiers first, over the whole feed: a neighbouring location of similar name listed earlier
  // must not take a centre that another location names by id.
  for (const location of locations) {
    const identified = location.identifier.map((i) => byId.get(i.value)).find((c) => c !== undefined);
    if (!identified) unidentified.push(location);
    else if (!matches.has(identified.id)) matches.set(identified.id, location.id);
  }
  for (const location of unidentified) {
    const centre = nearestSimilar(location, centres, radiusM, minSimilarity);
    if (centre && !matches.has(centre.id)) matches.set(centre.id, location.id);
  }
  return matches;
}

function nearestSimilar(
  location: SmartLocation,
  centres: readonly Centre[],
  radiusM: number,
  minSimilarity: number,
) {
  const position = location.position;
  if (!position) return undefined;
  const point = { lat: position.latitude, lon: position.longitude };
  let best: { centre: Centre; score: number } | undefined;
  for (const centre of centres) {
    if (!centre.location || centre.source.kind === 'feed') continue;
    if (distanceKm(point, centre.location) * 1000 > radiusM) continue;
    const score = nameSimilarity(location.name, centre.name);
    if (score >= minSimilarity && (!best || score > best.score)) best = { centre, score };
  }
  return best?.centre;
}

/** A feed location no registry centre matched, as a centre of its own (`source.kind: 'feed'`). */
export function centreOfLocation(location: SmartLocation, transactionTime: string): Centre {
  const url = parseBookingUrl(location.telecom.find((t) => t.system === 'url')?.value);
  const postcode = location.address?.postalCode?.trim() ?? '';
  const french = /^(fr|fra|france)$/i.test(location.address?.country ?? '');
  const frenchPostcode = french && /^\d{5}$/.test(postcode) ? postcode : null;
  return {
    ...UNKNOWN_DETAILS,
    id: `feed-${
      location.id
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'location'
    }`,
    name: location.name,
    address: { lines: location.address?.line ?? [], postcode: /^\d{5}$/.test(postcode) ? postcode : null },
    commune: { insee: null, name: location.address?.city ?? null },
    departement: frenchPostcode ? departementOf(null, frenchPostcode) : null,
    location: location.position
      ? { lat: location.position.latitude, lon: location.position.longitude, precision: 'address' }
      : null,
    booking: { url: url?.href ?? null, platform: bookingPlatformOf(url) },
    phones: location.telecom.flatMap((t) => {
      const phone = t.system === 'phone' ? feedPhone(t.value) : null;
      return phone ? [phone] : [];
    }),
    source: { kind: 'feed', id: location.id, updated_at: transactionTime },
  };
}
