import type { Commune, Gazetteer } from '../places/types.ts';
import { type BookingPlatformName, manifest } from '../platforms/manifest.ts';
import { slug } from '../shared/text.ts';
import { bookingPlatformOf } from './booking-platform.ts';
import type { Centre, Weekday } from './centre.ts';
import { WEEKDAYS } from './centre.ts';
import type { Random } from './demo-random.ts';
import { createRandom } from './demo-random.ts';
import {
  BOOKING_NOTES,
  HEALTH_PROFESSIONALS_NOTE,
  NEIGHBOURHOODS,
  RESIDENCES,
  SATURDAY_HOURS,
  STREET_NAMES,
  STREET_TYPES,
  SUNDAY_HOURS,
  VENUES,
  WALK_IN_NOTES,
  WEEKDAY_HOURS,
} from './demo-words.ts';
import { RegistryFile } from './registry-file.ts';

export interface DemoOptions {
  seed?: number;
  /** How many centres; never fewer than one per département plus the big cities' share. */
  count?: number;
}

export const DEMO_IMPORTED_AT = '2021-01-14T08:00:00+01:00';
export const DEMO_DEFAULT_SEED = 20210114;
export const DEMO_DEFAULT_COUNT = 400;

type DemoBooking = BookingPlatformName | 'phone' | 'none' | 'other';

const DEMO_PLATFORMS = manifest.booking.flatMap((platform) =>
  platform.demo ? [{ name: platform.name, ...platform.demo }] : [],
);

/** What rounding leaves over goes to the first platform of the manifest. */
const FILLER: DemoBooking = DEMO_PLATFORMS[0]?.name ?? 'other';

/**
 * The share of each way of booking, after the official list of January 2021: each booking platform's
 * from the manifest (`demo.share`), then the ways that are no platform.
 */
export const DEMO_BOOKING_MIX: Readonly<Record<DemoBooking, number>> = {
  ...(Object.fromEntries(DEMO_PLATFORMS.map((p) => [p.name, p.share])) as Record<
    BookingPlatformName,
    number
  >),
  phone: 0.12,
  none: 0.08,
  other: 0.05,
};

/**
 * Number blocks ARCEP keeps for works of fiction (plan national de numérotation, décision
 * 2018-0881, § 2.5.12), one per geographic zone: a demo number never rings a real line.
 */
const FICTION_PHONE_BLOCKS: Readonly<Record<string, string>> = {
  '01': '019900',
  '02': '026191',
  '03': '035301',
  '04': '046571',
  '05': '053649',
};

/** The geographic zone (first two digits) by region code; the rest, overseas included, use 05. */
const PHONE_ZONE_BY_REGION: Readonly<Record<string, string>> = {
  '11': '01',
  '24': '02',
  '28': '02',
  '52': '02',
  '53': '02',
  '04': '02',
  '06': '02',
  '27': '03',
  '32': '03',
  '44': '03',
  '84': '04',
  '93': '04',
  '94': '04',
};

/** A city this big gets one centre per 100,000 people, plus one. */
const PEOPLE_PER_EXTRA_CENTRE = 100_000;
const MAX_JITTER_KM = 2.5;
const KM_PER_DEGREE = 111.32;

const round5 = (value: number) => Math.round(value * 1e5) / 1e5;

/** How many centres each commune must have: its département's chef-lieu one, big cities more. */
function mandatoryCentres(gazetteer: Gazetteer): Map<Commune, number> {
  const counts = new Map<Commune, number>();
  for (const departement of gazetteer.departements()) {
    const chefLieu = gazetteer.commune(departement.chefLieu);
    if (chefLieu) counts.set(chefLieu, 1);
  }
  for (const commune of gazetteer.communes) {
    if (commune.arrondissementOf || commune.population < PEOPLE_PER_EXTRA_CENTRE) continue;
    const wanted = 1 + Math.floor(commune.population / PEOPLE_PER_EXTRA_CENTRE);
    counts.set(commune, Math.max(counts.get(commune) ?? 0, wanted));
  }
  return counts;
}

/** Draws communes with a probability proportional to their population. */
function populationDraw(communes: readonly Commune[], random: Random): () => Commune {
  const cumulative: number[] = [];
  let total = 0;
  for (const commune of communes) {
    total += Math.max(commune.population, 1);
    cumulative.push(total);
  }
  return () => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) <= target) low = middle + 1;
      else high = middle;
    }
    return communes[low] as Commune;
  };
}

/** Exactly the mix's shares of `count`, in a seeded order. */
function bookingDeck(count: number, random: Random): DemoBooking[] {
  const kinds = Object.keys(DEMO_BOOKING_MIX) as DemoBooking[];
  const deck: DemoBooking[] = [];
  for (const kind of kinds) {
    for (let i = Math.round(DEMO_BOOKING_MIX[kind] * count); i > 0; i--) deck.push(kind);
  }
  while (deck.length < count) deck.push(FILLER);
  return random.shuffle(deck.slice(0, count));
}

function fictionPhone(commune: Commune, random: Random): string {
  const zone = PHONE_ZONE_BY_REGION[commune.region ?? ''] ?? '05';
  return `${FICTION_PHONE_BLOCKS[zone] ?? '053649'}${String(random.int(0, 9999)).padStart(4, '0')}`;
}

function jitter(commune: Commune, random: Random): { lat: number; lon: number } {
  const distance = MAX_JITTER_KM * Math.sqrt(random.next());
  const bearing = random.next() * 2 * Math.PI;
  const { lat, lon } = commune.location;
  return {
    lat: round5(lat + (distance * Math.cos(bearing)) / KM_PER_DEGREE),
    lon: round5(lon + (distance * Math.sin(bearing)) / (KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180))),
  };
}

/** `de Rennes`, `d'Évreux`, `du Mans`, `des Abymes`. */
function ofTown(town: string): string {
  if (town.startsWith('Le ')) return `du ${town.slice(3)}`;
  if (town.startsWith('Les ')) return `des ${town.slice(4)}`;
  return /^[AEIOUYÀÂÉÈÊÎÏÔÛ]/.test(town) ? `d'${town}` : `de ${town}`;
}

/** `Paris 15e Arrondissement` is `Paris 15e` in a centre's name. */
const shortName = (commune: Commune) => commune.name.replace(/ Arrondissement$/, '');

/** A hospital is where the first centre of a town of some size opened. */
const HOSPITAL_TOWN_POPULATION = 15_000;

function centreName(placement: Placement, walkInNote: string | null, random: Random): string {
  const town = ofTown(shortName(placement.site));
  if (walkInNote?.includes('EHPAD') || walkInNote?.includes('établissement'))
    return `EHPAD ${random.pick(RESIDENCES)}`;
  if (placement.ordinal === 0 && placement.commune.population >= HOSPITAL_TOWN_POPULATION) {
    return `Centre hospitalier ${town}`;
  }
  if (random.chance(0.2)) return `Maison de santé ${random.pick(NEIGHBOURHOODS)}`;
  return `Centre de vaccination ${town} – ${random.pick(VENUES)}`;
}

function openingHours(random: Random): Centre['opening_hours'] {
  if (random.chance(0.1)) return {};
  const weekday = random.pick(WEEKDAY_HOURS);
  const hours: Partial<Record<Weekday, string>> = {};
  for (const day of WEEKDAYS) {
    if (day === 'saturday') hours[day] = random.pick(SATURDAY_HOURS);
    else if (day === 'sunday') hours[day] = random.pick(SUNDAY_HOURS);
    else hours[day] = random.chance(0.1) ? 'fermé' : weekday;
  }
  return hours;
}

interface Placement {
  /** The commune the centre is counted in (a city, for Paris, Lyon, Marseille). */
  commune: Commune;
  /** Where it is: the city's arrondissement when it has some. */
  site: Commune;
  ordinal: number;
}

function bookingUrl(
  kind: DemoBooking,
  site: Commune,
  postcode: string,
  name: string,
  random: Random,
): string | null {
  const town = slug(site.arrondissementOf ? site.name.replace(/ \d+(er|e) Arrondissement$/, '') : site.name);
  const centre = slug(name);
  const platform = DEMO_PLATFORMS.find((p) => p.name === kind);
  if (platform) return platform.bookingUrl({ town, postcode, centre }, random);
  switch (kind) {
    case 'other':
      // A reserved top-level domain (RFC 2606): a demo link never lands on someone's real site.
      return `https://rendez-vous.${town}.example/vaccination-covid`;
    default:
      return null;
  }
}

function demoCentre(
  index: number,
  placement: Placement,
  kind: DemoBooking,
  takenNames: Set<string>,
  random: Random,
): Centre {
  const { site } = placement;
  const walkIn = kind === 'none';
  const walkInNote = walkIn ? random.pick(WALK_IN_NOTES) : null;
  let name = centreName(placement, walkInNote, random);
  // Names repeat across France, not within a commune.
  const base = name;
  for (let n = 2; takenNames.has(`${site.insee} ${name}`); n++) name = `${base} (${n})`;
  takenNames.add(`${site.insee} ${name}`);
  const postcode = random.pick(site.postcodes);
  const url = bookingUrl(kind, site, postcode, name, random);
  const phones =
    kind === 'phone' || (kind !== 'none' && random.chance(0.3))
      ? [fictionPhone(placement.commune, random)]
      : [];
  const professionalsOnly = !walkIn && random.chance(0.05);
  const notes = walkInNote
    ? walkInNote
    : professionalsOnly
      ? HEALTH_PROFESSIONALS_NOTE
      : random.chance(0.3)
        ? random.pick(BOOKING_NOTES)
        : null;
  const number = random.int(1, 120);
  const street = `${random.pick(STREET_TYPES)} ${random.pick(STREET_NAMES)}`;
  const accessibility = random.next();
  const id = String(index + 1).padStart(4, '0');
  return {
    id: `demo-${id}`,
    name,
    address: { lines: [street.startsWith('place') ? street : `${number} ${street}`], postcode },
    commune: { insee: site.insee, name: site.name },
    departement: site.departement,
    location: { ...jitter(site, random), precision: 'address' },
    booking: { url, platform: bookingPlatformOf(url) },
    phones,
    opening_hours: openingHours(random),
    accessible: accessibility < 0.6 ? true : accessibility < 0.7 ? false : null,
    opens_on: random.pick(['2021-01-06', '2021-01-11', '2021-01-18', '2021-01-25']),
    closes_on: null,
    notes,
    health_professionals_only: professionalsOnly ? true : random.chance(0.8) ? false : null,
    source: { kind: 'demo', id, updated_at: DEMO_IMPORTED_AT },
  };
}

/**
 * A made-up but plausible registry over real communes, the same byte for byte for the same
 * gazetteer, seed and count: every département has a centre, big cities several, the rest
 * go where people live. Phone numbers come from ARCEP's fiction blocks.
 */
export function generateDemoRegistry(gazetteer: Gazetteer, options: DemoOptions = {}): RegistryFile {
  const random = createRandom(options.seed ?? DEMO_DEFAULT_SEED);
  const perCommune = mandatoryCentres(gazetteer);
  const mandatory = [...perCommune.values()].reduce((sum, n) => sum + n, 0);
  const drawable = gazetteer.communes.filter(
    (commune) => !commune.arrondissementOf && commune.postcodes.length > 0,
  );
  const draw = populationDraw(drawable, random);
  for (let extra = (options.count ?? DEMO_DEFAULT_COUNT) - mandatory; extra > 0; extra--) {
    const commune = draw();
    perCommune.set(commune, (perCommune.get(commune) ?? 0) + 1);
  }

  const arrondissements = new Map<string, Commune[]>();
  for (const commune of gazetteer.communes) {
    if (!commune.arrondissementOf) continue;
    arrondissements.set(commune.arrondissementOf, [
      ...(arrondissements.get(commune.arrondissementOf) ?? []),
      commune,
    ]);
  }
  const placements: Placement[] = [];
  const ordered = [...perCommune].sort(([a], [b]) => (a.insee < b.insee ? -1 : a.insee > b.insee ? 1 : 0));
  for (const [commune, count] of ordered) {
    const districts = arrondissements.get(commune.insee);
    const pickDistrict = districts ? populationDraw(districts, random) : () => commune;
    for (let ordinal = 0; ordinal < count; ordinal++)
      placements.push({ commune, site: pickDistrict(), ordinal });
  }

  const deck = bookingDeck(placements.length, random);
  const takenNames = new Set<string>();
  const centres = placements.map((placement, index) =>
    demoCentre(index, placement, deck[index] ?? FILLER, takenNames, random),
  );
  return RegistryFile.parse({
    format: 'creneau-registry',
    version: 1,
    kind: 'demo',
    source: 'demo',
    imported_at: DEMO_IMPORTED_AT,
    centres,
  });
}
