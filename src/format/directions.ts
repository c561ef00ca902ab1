import type { Centre } from '../registry/centre.ts';

/**
 * "Itinéraire": a link to OpenStreetMap's route planner with the centre as destination, the
 * start left for the visitor to fill (or their browser's position). OpenStreetMap rather than a
 * commercial map: no account, no advertising tracker, the same project as the site's map tiles;
 * and a web page rather than a `geo:` URI, which desktop browsers do not open. The link carries
 * nothing about the visitor (the page adds `rel="noreferrer"`).
 *
 * With coordinates from the source (`precision: 'address'`) the destination is the point; with a
 * commune's centre only, it is the written address, which OpenStreetMap looks up, since a point in
 * the middle of town would lead people to the wrong door. Null when neither is known.
 */
export const DIRECTIONS_BASE = 'https://www.openstreetmap.org/directions';

export function directionsHref(centre: Pick<Centre, 'location' | 'address' | 'commune'>): string | null {
  const url = new URL(DIRECTIONS_BASE);
  if (centre.location?.precision === 'address') {
    url.searchParams.set('route', `;${centre.location.lat},${centre.location.lon}`);
    return url.href;
  }
  const place = [centre.address.postcode, centre.commune.name].filter(Boolean).join(' ');
  const written = [...centre.address.lines, place].filter(Boolean).join(', ');
  if (!place) return null;
  url.searchParams.set('to', written);
  return url.href;
}
