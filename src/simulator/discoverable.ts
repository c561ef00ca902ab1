import { manifest } from '../platforms/manifest.ts';
import type { Centre } from '../registry/centre.ts';
import { slug } from '../shared/text.ts';
import { hexId, intBetween, unit } from './hash.ts';

/**
 * What a simulated platform lists in its public search (discovery, docs/DISCOVERY.md): the registry's
 * centres on it, and, as on the real platforms in 2021, places the registry does not have right:
 * - registry centres without a booking link that book on this platform after all (about half of those
 *   with a position, spread over the booking platforms), listed with their link and their name and
 *   address written the platform's way (upper case, `av.`, a dash);
 * - centres the registry lacks (about 3 for 100 registry centres, spread over the platforms), a couple
 *   of kilometres from a registry centre, in its commune, with a link of their own.
 * Everything follows from the seed and the registry, so the same registry gives the same listing.
 */

export interface DiscoverablePlace {
  /** The place as the simulator serves it; `booking.url` is the link the platform gives. */
  centre: Centre;
  /** How the listing writes its name and its street line. */
  name: string;
  street: string | null;
  /** The registry centre it is, when it is one (for `GET /__sim/centres`). */
  registryId: string | null;
}

/** The platforms registry centres without a link, and centres the registry lacks, are spread over. */
const SPREAD: readonly string[] = ['doctolib', 'maiia', 'keldoc', 'smart'];
const WITHOUT_LINK_SHARE = 0.5;
const EXTRA_SHARE = 0.03;
const PLACE_WORDS = [
  'Salle des fêtes',
  'Gymnase municipal',
  'Espace culturel',
  'Maison de santé',
  'Salle polyvalente',
  'Centre social',
  'Halle des sports',
];

/** A name as a platform's back office had it typed: upper case, `Centre de vaccination` shortened. */
export function platformWritten(name: string): string {
  return name
    .replace(/^centre de vaccination( covid(-19)?)?\s*(de |d'|du )?/i, 'CENTRE VACCINATION - ')
    .toUpperCase();
}

/** A street line the other way people write it: `avenue` as `av.`, `boulevard` as `bd`, no comma. */
export function streetWritten(line: string): string {
  return line
    .replace(/\bavenue\b/gi, 'av.')
    .replace(/\bboulevard\b/gi, 'bd')
    .replace(/\bplace\b/gi, 'pl.')
    .replace(/,/g, '');
}

function linkFor(platformName: string, place: Centre, seed: string, key: string): string | null {
  const platform = manifest.named(platformName);
  const town = slug(place.commune.name ?? 'ville') || 'ville';
  const postcode = place.address.postcode ?? '00000';
  const centre = slug(place.name) || 'centre';
  let draw = 0;
  const draws = {
    int: (min: number, max: number) => intBetween(min, max, seed, 'discoverable', key, draw++),
  };
  if (platform?.demo) return platform.demo.bookingUrl({ town, postcode, centre }, draws);
  // A SMART feed's centres book on their own site.
  return platformName === 'smart' ? `https://rdv.${town}.example/vaccination/${centre}` : null;
}

/** Moves a point by about `metres` in a direction decided by the parts. */
function offset(location: NonNullable<Centre['location']>, metres: number, ...parts: string[]) {
  const angle = unit(...parts, 'angle') * 2 * Math.PI;
  const dLat = (metres * Math.cos(angle)) / 111_320;
  const dLon = (metres * Math.sin(angle)) / (111_320 * Math.cos((location.lat * Math.PI) / 180));
  return {
    lat: Math.round((location.lat + dLat) * 1e6) / 1e6,
    lon: Math.round((location.lon + dLon) * 1e6) / 1e6,
    precision: 'address' as const,
  };
}

export function discoverablePlaces(
  centres: readonly Centre[],
  seed: string,
  platformName: string,
): DiscoverablePlace[] {
  const places: DiscoverablePlace[] = [];
  const links = new Set(centres.map((c) => c.booking.url).filter(Boolean));
  const spreadTo = (...parts: string[]) => SPREAD[intBetween(0, SPREAD.length - 1, seed, ...parts)];
  for (const centre of centres) {
    if (centre.duplicate_of) continue;
    const own =
      platformName === 'smart'
        ? centre.booking.platform === 'other' && centre.booking.url !== null
        : centre.booking.platform === platformName && centre.booking.url !== null;
    if (own) {
      places.push({
        centre,
        name: centre.name,
        street: centre.address.lines[0] ?? null,
        registryId: centre.id,
      });
      continue;
    }
    if (!centre.location || centre.source.kind === 'discovery') continue;
    if (
      centre.booking.url === null &&
      unit(seed, 'listed-without-link', centre.id) < WITHOUT_LINK_SHARE &&
      spreadTo('without-link-platform', centre.id) === platformName
    ) {
      const url = linkFor(platformName, centre, seed, centre.id);
      if (url)
        places.push({
          centre: {
            ...centre,
            location: offset(centre.location, 10, seed, centre.id),
            booking: {
              url,
              platform:
                manifest.named(platformName)?.kind === 'booking'
                  ? (platformName as Centre['booking']['platform'])
                  : 'other',
            },
          },
          name: platformWritten(centre.name),
          street: centre.address.lines[0] ? streetWritten(centre.address.lines[0]) : null,
          registryId: centre.id,
        });
    }
    if (
      unit(seed, 'extra', centre.id) < EXTRA_SHARE &&
      spreadTo('extra-platform', centre.id) === platformName
    ) {
      const word =
        PLACE_WORDS[intBetween(0, PLACE_WORDS.length - 1, seed, 'extra-word', centre.id)] ?? 'Salle';
      const town = centre.commune.name ?? '';
      const id = `sim-${platformName}-${hexId(8, seed, 'extra-id', centre.id)}`;
      const extra: Centre = {
        ...centre,
        id,
        name: `Centre de vaccination ${word}${town ? ` ${town}` : ''}`,
        address: {
          lines: [`${intBetween(1, 80, seed, 'extra-number', centre.id)} rue ${word.split(' ').at(-1)}`],
          postcode: centre.address.postcode,
        },
        location: offset(centre.location, intBetween(1500, 4000, seed, 'extra-metres', centre.id), seed, id),
        phones: [],
        phone_details: [],
        notes: null,
        duplicate_of: null,
        booking: { url: null, platform: 'none' },
        source: { kind: 'demo', id, updated_at: null },
      };
      const url = linkFor(platformName, extra, seed, id);
      // Once accepted, it is a registry centre with this link, listed as such above.
      if (url && !links.has(url))
        places.push({
          centre: {
            ...extra,
            booking: {
              url,
              platform:
                manifest.named(platformName)?.kind === 'booking'
                  ? (platformName as Centre['booking']['platform'])
                  : 'other',
            },
          },
          name: extra.name,
          street: extra.address.lines[0] ?? null,
          registryId: null,
        });
    }
  }
  return places;
}

/** The département code of a place, for a listing by département. */
export function placeDepartement(place: DiscoverablePlace): string | null {
  return place.centre.departement;
}
