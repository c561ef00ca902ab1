import type { Centre } from '../../registry/centre.ts';
import { DAY_MS } from '../../shared/time.ts';
import { BRAND } from '../../simulator/catalogue.ts';
import { discoverablePlaces } from '../../simulator/discoverable.ts';
import { hexId } from '../../simulator/hash.ts';
import {
  defineSimulator,
  json,
  type ProviderApi,
  type SimRequest,
  type SimResponse,
  wireJson,
} from '../../simulator/http-types.ts';
import {
  type Dose,
  nextSlotAt,
  type SimSlot,
  type SiteMotive,
  type SiteProfile,
  siteProfile,
  slotsAt,
} from '../../simulator/supply.ts';
import maiia from './platform.ts';
import {
  MaiiaAvailabilities,
  MaiiaCentreListing,
  MaiiaClosest,
  MaiiaConsultationReasons,
} from './schemas.ts';

/**
 * Maiia's public patient API: consultation reasons of a centre, the closest availability of a reason,
 * and the paged list of availabilities. A centre is known by the `centerId=` of its booking URL
 * (`https://www.maiia.com/centre-de-vaccination/<postcode-city>/<slug>?centerId=<24 hex>`); Maiia
 * writes every instant in UTC (`…Z`).
 */

interface MaiiaCentre {
  centerId: string;
  centre: Centre;
  profile: SiteProfile;
  /** The path of its booking page: what the listing's `center.url` says. */
  path: string;
}

/** A link's page path, lower-cased and without a trailing slash, as the listing and links compare. */
export function maiiaPagePath(url: URL): string {
  return decodeURIComponent(url.pathname).toLowerCase().replace(/\/+$/, '');
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createMaiiaApi(centres: readonly Centre[], seed: string): ProviderApi {
  const byId = new Map<string, MaiiaCentre>();
  for (const centre of centres) {
    const url = URL.parse(centre.booking.url ?? '');
    const link = url && maiia.parseBookingLink(url);
    if (!url || !link) continue;
    const path = maiiaPagePath(url);
    // A centre whose link lacks its id still has one at Maiia: the listing gives it (resolve-link.ts).
    const centerId = link.centerId ?? hexId(24, seed, 'center', path);
    if (!byId.has(centerId))
      byId.set(centerId, { centerId, centre, profile: siteProfile(centre, seed), path });
  }
  const reasonId = (c: MaiiaCentre, m: SiteMotive) => hexId(24, seed, 'reason', c.centerId, m.key);
  const practitionerId = (c: MaiiaCentre, agenda: number) =>
    hexId(24, seed, 'practitioner', c.centerId, agenda);

  function reasonOf(
    params: URLSearchParams,
  ): { c: MaiiaCentre; motive: SiteMotive; agendas: Set<number> } | null {
    const c = byId.get(params.get('centerId') ?? '');
    const name = params.get('consultationReasonName');
    const motive = c?.profile.motives.find((m) => maiiaReasonName(m) === name);
    if (!c || !motive || c.profile.phoneOnly) return null;
    const agendas = new Set(
      c.profile.agendas
        .filter((a) => !a.bookingDisabled && a.motiveKeys.includes(motive.key))
        .map((a) => a.index),
    );
    return { c, motive, agendas };
  }

  function item(c: MaiiaCentre, motive: SiteMotive, slot: SimSlot, now: number) {
    return {
      id: hexId(24, seed, 'slot', c.centerId, slot.agenda, slot.start),
      practitionerId: practitionerId(c, slot.agenda),
      centerId: c.centerId,
      consultationReasonId: reasonId(c, motive),
      creationDate: iso(Math.min(slot.publishedAt, now)),
      updateDate: iso(Math.min(slot.publishedAt, now)),
      startDateTime: iso(slot.start),
      endDateTime: iso(slot.end),
      percentageNewPatient: 100,
      usedResource: [],
      substitute: {},
    };
  }

  function reasons(params: URLSearchParams): SimResponse {
    const c = byId.get(params.get('rootCenterId') ?? '');
    if (!c) return json(404, { statusCode: 404, message: 'Center not found' });
    const items = c.profile.phoneOnly
      ? []
      : c.profile.motives.map((m, position) => ({
          id: reasonId(c, m),
          name: maiiaReasonName(m),
          position,
          consultationType: 'PHYSICAL',
          patientLimitation: 'PUBLIC',
          allowAvailabilitiesXHoursBefore: 1008,
          injectionType: maiiaInjectionType(m.dose),
          nextAppointmentDelayInDays: m.dose === 'first' && m.vaccine !== 'janssen' ? 42 : 0,
        }));
    return wireJson(MaiiaConsultationReasons, { items, total: items.length });
  }

  function closests(params: URLSearchParams, now: number): SimResponse {
    const from = Date.parse(params.get('from') ?? '');
    if (Number.isNaN(from)) return json(400, { statusCode: 400, message: 'from must be a date' });
    const reason = reasonOf(params);
    if (!reason) return wireJson(MaiiaClosest, { availabilityCount: 0 });
    const { c, motive, agendas } = reason;
    const first = nextSlotAt(c.centre, seed, now, from, { agendas });
    if (!first) return wireJson(MaiiaClosest, { availabilityCount: 0 });
    const count = slotsAt(c.centre, seed, { at: now, from, to: from + 90 * DAY_MS, agendas }).length;
    return wireJson(MaiiaClosest, {
      availabilityCount: count,
      closestPhysicalAvailability: item(c, motive, first, now),
      firstPhysicalStartDateTime: iso(first.start),
    });
  }

  function availabilities(params: URLSearchParams, now: number): SimResponse {
    const from = Date.parse(params.get('from') ?? '');
    const to = Date.parse(params.get('to') ?? '');
    if (Number.isNaN(from) || Number.isNaN(to)) {
      return json(400, { statusCode: 400, message: 'from and to must be dates' });
    }
    const page = Math.max(Number(params.get('page') ?? 0) || 0, 0);
    const limit = Math.min(Math.max(Number(params.get('limit') ?? 100) || 100, 1), 10_000);
    const reason = reasonOf(params);
    if (!reason) return wireJson(MaiiaAvailabilities, { items: [], total: 0 });
    const { c, motive, agendas } = reason;
    const all = slotsAt(c.centre, seed, { at: now, from, to, agendas });
    const items = all.slice(page * limit, (page + 1) * limit).map((slot) => item(c, motive, slot, now));
    return wireJson(MaiiaAvailabilities, { items, total: all.length });
  }

  // Beside the registry's Maiia centres, the places the registry lacks or has without a link (discovery).
  const others = discoverablePlaces(centres, seed, 'maiia').flatMap((place) => {
    const url = URL.parse(place.centre.booking.url ?? '');
    const centerId = url && maiia.parseBookingLink(url)?.centerId;
    return url && centerId && !byId.has(centerId)
      ? [{ centerId, centre: place.centre, path: maiiaPagePath(url), name: place.name, street: place.street }]
      : [];
  });
  const everyListed = [
    ...[...byId.values()].map((c) => ({
      ...c,
      name: c.centre.name,
      street: c.centre.address.lines[0] ?? null,
    })),
    ...others,
  ];

  /** The public listing of centres of one kind (the first segment of their page path), paged. */
  function listing(params: URLSearchParams): SimResponse {
    const kind = params.get('speciality.shortName');
    const page = Math.max(Number(params.get('page') ?? 0) || 0, 0);
    const limit = Math.min(Math.max(Number(params.get('limit') ?? 50) || 50, 1), 500);
    const listed = everyListed.filter((c) => !kind || c.path.split('/')[1] === kind);
    const items = listed.slice(page * limit, (page + 1) * limit).map((c) => ({
      type: 'CENTER',
      center: {
        id: c.centerId,
        name: c.name,
        url: c.path,
        speciality: { code: 'VAC01', shortName: c.path.split('/')[1] },
        publicInformation: {
          address: {
            street: c.street,
            zipCode: c.centre.address.postcode,
            city: c.centre.commune.name,
            inseeCode: c.centre.commune.insee,
            fullAddress: [c.street, c.centre.address.postcode, c.centre.commune.name]
              .filter(Boolean)
              .join(' '),
            location: c.centre.location
              ? { type: 'Point', coordinates: [c.centre.location.lon, c.centre.location.lat] }
              : null,
          },
          officeInformation: { phoneNumber: c.centre.phones[0] ?? null },
        },
        childCenters: [],
      },
    }));
    return wireJson(MaiiaCentreListing, { items, total: listed.length });
  }

  return {
    driftRenames: {
      items: 'data',
      startDateTime: 'start_date_time',
      injectionType: 'injection_type',
      firstPhysicalStartDateTime: 'firstStartDateTime',
    },
    handle(request: SimRequest, now: number): SimResponse {
      const { pathname, searchParams } = request.url;
      switch (pathname) {
        case '/api/pat-public/consultation-reason-hcd':
          return reasons(searchParams);
        case '/api/pat-public/availability-closests':
          return closests(searchParams, now);
        case '/api/pat-public/availabilities':
          return availabilities(searchParams, now);
        case '/api/pat-public/hcd':
          return listing(searchParams);
        default:
          return json(404, { statusCode: 404, message: 'Not Found' });
      }
    },
    describe() {
      return [...byId.values()].map((c) => ({ centre_id: c.centre.id, center_id: c.centerId }));
    },
  };
}

/** How Maiia centres named their consultation reasons. */
function maiiaReasonName(motive: SiteMotive): string {
  const brand = motive.vaccine ? ` (${BRAND[motive.vaccine]})` : '';
  switch (motive.dose) {
    case 'first':
      return `Première injection vaccin anti covid-19${brand}`;
    case 'second':
      return `Deuxième injection vaccin anti covid-19${brand}`;
    case 'booster':
      return `Injection de rappel vaccin anti covid-19${brand}`;
    case 'unknown':
      return 'Vaccination anti covid-19';
  }
}

function maiiaInjectionType(dose: Dose): 'FIRST' | 'SECOND' | 'BOOSTER' | 'NONE' {
  return dose === 'first' ? 'FIRST' : dose === 'second' ? 'SECOND' : dose === 'booster' ? 'BOOSTER' : 'NONE';
}

export default defineSimulator({ name: 'maiia', createApi: createMaiiaApi });
