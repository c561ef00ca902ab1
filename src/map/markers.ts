import { booksByPhoneOnly, type Centre } from '../registry/centre.ts';
import { communeLine } from '../ui/format.ts';

/** How a marker shows a centre's booking mode; words as well as colour (see the legend). */
export type MarkerKind = 'online' | 'phone' | 'none';

/** What the map island needs per centre: little, since the list beside it has the rest. */
export interface MapMarker {
  id: string;
  name: string;
  lat: number;
  lon: number;
  kind: MarkerKind;
  address: string;
}

export function markerKind(centre: Centre): MarkerKind {
  if (centre.booking.url) return 'online';
  return booksByPhoneOnly(centre) ? 'phone' : 'none';
}

export function mapMarkers(hits: ReadonlyArray<{ centre: Centre }>): MapMarker[] {
  return hits.flatMap(({ centre }) =>
    centre.location
      ? [
          {
            id: centre.id,
            name: centre.name,
            lat: centre.location.lat,
            lon: centre.location.lon,
            kind: markerKind(centre),
            address: [...centre.address.lines, communeLine(centre)].filter(Boolean).join(', '),
          },
        ]
      : [],
  );
}
