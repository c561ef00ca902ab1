import { EXTENSION, LAST_SOURCE_SYNC } from '../adapters/smart/schemas.ts';
import type { PublicAvailability } from '../availability/public-availability.ts';
import { timeZoneOf } from '../geo/time-zone.ts';
import type { Gazetteer } from '../places/types.ts';
import type { Centre } from '../registry/centre.ts';
import { SMART_CENTRE_ID_SYSTEM, SOURCE_ID_SYSTEMS } from '../registry/identifier-systems.ts';
import { localDate, nextDay, toZonedIso, zonedDayStartMs } from '../shared/time.ts';
import { absoluteBookingLink, absoluteCentrePage } from './links.ts';

/**
 * One centre as SMART Scheduling Links resources (smart-on-fhir/smart-scheduling-links,
 * `specification.md`), published as an aggregator ("Slot Aggregators" section): source ids kept as
 * identifiers, `lastSourceSync` on what came from a poll, `has-availability` on every Schedule.
 */

export type HasAvailability = 'some' | 'none' | 'unknown';

const SERVICE_TYPE = [
  {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '57', display: 'Immunization' },
      {
        system: 'http://fhir-registry.smarthealthit.org/CodeSystem/service-type',
        code: 'covid19-immunization',
        display: 'COVID-19 Immunization Appointment',
      },
    ],
  },
];

export interface CentreContext {
  centre: Centre;
  availability: PublicAvailability;
  origin: string;
}

/** The spec's timestamps: to the second, with the centre's own offset. */
function instant(ms: number, centre: Centre): string {
  return toZonedIso(ms, timeZoneOf(centre));
}

/** Only where a source was actually read: not for registry-only answers (phone-only, no online booking). */
function lastSourceSync(availability: PublicAvailability, centre: Centre) {
  return availability.valid_at && availability.source_read
    ? {
        meta: {
          extension: [
            { url: LAST_SOURCE_SYNC, valueDateTime: instant(Date.parse(availability.valid_at), centre) },
          ],
        },
      }
    : {};
}

/**
 * The rule of src/availability/knowledge.ts: `some` when a free slot is known (not expired), `none`
 * only when the last check succeeded and found nothing; a failed last check, an expired value, a
 * centre never checked are `unknown`. SMART has no "book by phone only" state: a phone-only centre is
 * `unknown` too, and its number is on its Location.
 */
export function hasAvailability(availability: PublicAvailability): HasAvailability {
  if (availability.error || !availability.source_read) return 'unknown';
  if (availability.status === 'some' && availability.available) return 'some';
  if (availability.status === 'none') return 'none';
  return 'unknown';
}

export function smartLocation({ centre, origin }: CentreContext, gazetteer: Gazetteer) {
  const commune = centre.commune.insee ? gazetteer.commune(centre.commune.insee) : undefined;
  const city = centre.commune.name ?? commune?.name;
  const postalCode = centre.address.postcode ?? commune?.postcodes[0];
  const identifier = [{ system: SMART_CENTRE_ID_SYSTEM, value: centre.id }];
  if (centre.source.id)
    identifier.push({ system: SOURCE_ID_SYSTEMS[centre.source.kind], value: centre.source.id });
  const telecom = centre.phones.map((value) => ({ system: 'phone', value }));
  if (centre.booking.url) telecom.push({ system: 'url', value: absoluteBookingLink(origin, centre) });
  // The spec asks for at least one contact point: the centre's page always is one.
  telecom.push({ system: 'url', value: absoluteCentrePage(origin, centre) });
  return {
    resourceType: 'Location',
    id: centre.id,
    identifier,
    name: centre.name,
    telecom,
    address: {
      line: centre.address.lines,
      ...(city ? { city } : {}),
      ...(centre.departement ? { state: centre.departement } : {}),
      ...(postalCode ? { postalCode } : {}),
      country: 'FR',
    },
    ...(centre.notes ? { description: centre.notes } : {}),
    ...(centre.location
      ? { position: { latitude: centre.location.lat, longitude: centre.location.lon } }
      : {}),
  };
}

export function smartSchedule(context: CentreContext) {
  const { centre, availability } = context;
  return {
    resourceType: 'Schedule',
    id: centre.id,
    ...lastSourceSync(availability, centre),
    active: true,
    serviceType: SERVICE_TYPE,
    actor: [{ reference: `Location/${centre.id}`, display: centre.name }],
    extension: [{ url: EXTENSION.hasAvailability, valueCode: hasAvailability(availability) }],
  };
}

/**
 * Créneau holds counts per day, not single appointments: one coarse Slot per day with free slots
 * ("MAY be as broad as the clinic's operating hours for the day"), its `slot-capacity` that day's
 * count, from the next free slot (on its day) or the day's start, to the next day's start.
 * Days already over are left out.
 */
export interface SmartSlot {
  resourceType: 'Slot';
  id: string;
  meta?: { extension: Array<{ url: string; valueDateTime: string }> };
  schedule: { reference: string };
  status: 'free';
  start: string;
  end: string;
  extension?: Array<{ url: string; valueUrl?: string; valueString?: string; valueInteger?: number }>;
}

export function smartSlots(context: CentreContext, nowMs: number): SmartSlot[] {
  const { centre, availability, origin } = context;
  if (hasAvailability(availability) !== 'some') return [];
  const zone = timeZoneOf(centre);
  const nextSlotMs = availability.next_slot ? Date.parse(availability.next_slot) : null;
  const phone = availability.booking_phone ?? centre.phones[0] ?? null;
  const links = [
    ...(centre.booking.url
      ? [{ url: EXTENSION.bookingDeepLink, valueUrl: absoluteBookingLink(origin, centre) }]
      : []),
    ...(phone ? [{ url: EXTENSION.bookingPhone, valueString: phone }] : []),
  ];
  // Only a later slot is known (beyond the horizon): one Slot at it, without a capacity we do not know.
  if (availability.slot_count === 0 && nextSlotMs !== null) {
    const day = localDate(nextSlotMs, zone);
    return [
      {
        resourceType: 'Slot' as const,
        id: `${centre.id}.${day}`,
        ...lastSourceSync(availability, centre),
        schedule: { reference: `Schedule/${centre.id}` },
        status: 'free' as const,
        start: instant(nextSlotMs, centre),
        end: instant(zonedDayStartMs(nextDay(day), zone), centre),
        ...(links.length > 0 ? { extension: links } : {}),
      },
    ];
  }
  return Object.entries(availability.per_day ?? {}).flatMap(([day, count]) => {
    if (count <= 0) return [];
    const dayStartMs = zonedDayStartMs(day, zone);
    const dayEndMs = zonedDayStartMs(nextDay(day), zone);
    if (dayEndMs <= nowMs) return [];
    const startMs =
      nextSlotMs !== null && nextSlotMs > dayStartMs && nextSlotMs < dayEndMs ? nextSlotMs : dayStartMs;
    return [
      {
        resourceType: 'Slot' as const,
        id: `${centre.id}.${day}`,
        ...lastSourceSync(availability, centre),
        schedule: { reference: `Schedule/${centre.id}` },
        status: 'free' as const,
        start: instant(startMs, centre),
        end: instant(dayEndMs, centre),
        extension: [...links, { url: EXTENSION.slotCapacity, valueInteger: count }],
      },
    ];
  });
}
