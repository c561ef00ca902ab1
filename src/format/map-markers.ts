import type { PublicAvailability } from '../availability/public-availability.ts';
import { timeZoneOf } from '../geo/time-zone.ts';
import { fr, type Messages } from '../i18n/fr.ts';
import type { Centre } from '../registry/centre.ts';
import { type AvailabilityTone, availabilityText } from './availability-text.ts';
import { communeLine } from './format.ts';

/** A marker's availability state; shown by colour, shape of the badge, and words (legend, popup). */
export type MarkerState = 'slots' | 'none' | 'unknown' | 'phone';
export const MARKER_STATES: readonly MarkerState[] = ['slots', 'none', 'phone', 'unknown'];

/** What the map island needs per centre: little, since the list beside it has the rest. */
export interface MapMarker {
  id: string;
  name: string;
  lat: number;
  lon: number;
  state: MarkerState;
  /** The card's headline ("12 créneaux"), so the popup says in words what the colour says. */
  headline: string;
  address: string;
  /** The centre's page, in the visitor's language. */
  href: string;
}

/** A stale answer is not something to act on: the map shows it as unknown, the card says why. */
const STATE_OF_TONE: Record<AvailabilityTone, MarkerState> = {
  slots: 'slots',
  none: 'none',
  phone: 'phone',
  unknown: 'unknown',
  stale: 'unknown',
};

export function mapMarkers(
  hits: ReadonlyArray<{ centre: Centre; availability: PublicAvailability }>,
  t: Messages = fr,
  centreHref: (id: string) => string = (id) => `/centres/${encodeURIComponent(id)}`,
): MapMarker[] {
  return hits.flatMap(({ centre, availability }) => {
    if (!centre.location) return [];
    const text = availabilityText(availability, timeZoneOf(centre), t);
    return [
      {
        id: centre.id,
        name: centre.name,
        lat: centre.location.lat,
        lon: centre.location.lon,
        state: STATE_OF_TONE[text.tone],
        headline: text.headline,
        address: [...centre.address.lines, communeLine(centre)].filter(Boolean).join(', '),
        href: centreHref(centre.id),
      },
    ];
  });
}
