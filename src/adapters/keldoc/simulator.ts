import type { Wire } from '../../platforms/wire.ts';
import type { Centre } from '../../registry/centre.ts';
import { slug } from '../../shared/text.ts';
import {
  DATE_TIME,
  dateTimeParts,
  dateToDay,
  dayToDate,
  isoWithOffset,
  localDay,
  zonedInstant,
} from '../../shared/time.ts';
import { BRAND } from '../../simulator/catalogue.ts';
import { discoverablePlaces, placeDepartement } from '../../simulator/discoverable.ts';
import { intBetween } from '../../simulator/hash.ts';
import {
  defineSimulator,
  json,
  type ProviderApi,
  type SimRequest,
  type SimResponse,
  wireJson,
} from '../../simulator/http-types.ts';
import { IdAllocator } from '../../simulator/ids.ts';
import {
  nextSlotAt,
  type SiteMotive,
  type SiteProfile,
  siteProfile,
  slotsAt,
} from '../../simulator/supply.ts';
import keldoc from './platform.ts';
import { KeldocGeoSearch, KeldocMotiveCategories, KeldocResource, KeldocTimetable } from './schemas.ts';

/**
 * Keldoc's patient API: a clinic is found from the booking URL's path
 * (`https://vaccination-covid.keldoc.com/<type>/<location>/<slug>[/<cabinet slug>]?specialty=N&cabinet=M`),
 * its motives are listed per specialty and cabinet, and a motive's timetable answers in one of three
 * forms: slots by day, a pointer to the next date, or "book by phone".
 */

interface Cabinet {
  id: number;
  slug: string;
  specialtyId: number;
  centre: Centre;
  profile: SiteProfile;
}

interface Clinic {
  id: number;
  type: string;
  location: string;
  slug: string;
  cabinets: Cabinet[];
}

interface MotiveRef {
  cabinet: Cabinet;
  key: string;
}

/** `Prochain RDV disponible le 20 Avril 2021 à 16h55`, as Keldoc writes it. */
function nextDateText(zone: string, ms: number): string {
  const p = dateTimeParts(ms, 'fr-FR', { timeZone: zone, ...DATE_TIME });
  const month = (p.month ?? '').charAt(0).toUpperCase() + (p.month ?? '').slice(1);
  return `Prochain RDV disponible le ${p.day} ${month} ${p.year} à ${p.hour}h${p.minute}`;
}

export function createKeldocApi(centres: readonly Centre[], seed: string): ProviderApi {
  const clinics = new Map<string, Clinic>();
  const cabinets = new Map<number, Cabinet>();
  const cabinetIds = new IdAllocator(10_000, 99_999);
  const agendaIds = new IdAllocator(10_000, 99_999);
  const motiveIds = new IdAllocator(10_000, 999_999);
  const motives = new Map<number, MotiveRef>();

  for (const centre of centres) {
    const ref = keldoc.parseBookingLink(centre.booking.url ?? '');
    if (!ref) continue;
    const clinicKey = `${ref.type}/${ref.location}/${ref.slug}`;
    let clinic = clinics.get(clinicKey);
    if (!clinic) {
      clinic = { id: intBetween(1_000, 9_999, seed, 'clinic', clinicKey), ...ref, cabinets: [] };
      clinics.set(clinicKey, clinic);
    }
    const id = ref.cabinetId ?? cabinetIds.allocate(seed, 'cabinet', centre.id);
    if (cabinets.has(id)) continue;
    const cabinet: Cabinet = {
      id,
      slug: ref.cabinetSlug ?? slug(centre.name),
      specialtyId: ref.specialtyId ?? 144,
      centre,
      profile: siteProfile(centre, seed),
    };
    clinic.cabinets.push(cabinet);
    cabinets.set(id, cabinet);
    for (const m of cabinet.profile.motives)
      motives.set(motiveIds.allocate(seed, 'motive', centre.id, m.key), { cabinet, key: m.key });
  }
  const motiveIdOf = (cabinet: Cabinet, key: string) =>
    motiveIds.allocate(seed, 'motive', cabinet.centre.id, key);
  const agendaIdOf = (cabinet: Cabinet, index: number) =>
    agendaIds.allocate(seed, 'agenda', cabinet.centre.id, index);

  function resource(params: URLSearchParams): SimResponse {
    const clinic = clinics.get(`${params.get('type')}/${params.get('location')}/${params.get('slug')}`);
    if (!clinic) return json(404, { error: 'Not found' });
    const cabinetSlug = params.get('cabinet');
    const chosen = clinic.cabinets.some((c) => c.slug === cabinetSlug)
      ? clinic.cabinets.filter((c) => c.slug === cabinetSlug)
      : clinic.cabinets;
    const first = clinic.cabinets[0]?.centre;
    const specialtyIds = [...new Set(chosen.map((c) => c.specialtyId))];
    return wireJson(KeldocResource, {
      id: clinic.id,
      title: first?.name ?? clinic.slug,
      url: `/${clinic.type}/${clinic.location}/${clinic.slug}`,
      description: '<div>est un centre de vaccination COVID</div>',
      cabinets: chosen.map((c) => ({
        id: c.id,
        name: c.centre.name,
        location: [c.centre.address.lines.join(' '), c.centre.address.postcode, c.centre.commune.name]
          .filter(Boolean)
          .join(', '),
        slug: c.slug,
        latitude: c.centre.location?.lat ?? null,
        longitude: c.centre.location?.lon ?? null,
        transportations: [],
      })),
      type: 'Clinic',
      specialties: specialtyIds.map((id) => ({
        id,
        name: 'Maladies infectieuses',
        skills: [{ name: 'Centre de vaccination COVID-19' }],
      })),
    });
  }

  function motiveCategories(clinicId: number, specialtyId: number, cabinetId: number): SimResponse {
    const cabinet = cabinets.get(cabinetId);
    const clinic = [...clinics.values()].find(
      (c) => c.id === clinicId && cabinet && c.cabinets.includes(cabinet),
    );
    if (!cabinet || !clinic || cabinet.specialtyId !== specialtyId) return json(404, { error: 'Not found' });
    type Motives = Wire<typeof KeldocMotiveCategories>[number]['motives'];
    const categories = new Map<string, Motives>();
    cabinet.profile.motives.forEach((m, position) => {
      const name = keldocCategoryName(m);
      const list = categories.get(name) ?? [];
      list.push({
        id: motiveIdOf(cabinet, m.key),
        name: keldocMotiveName(m),
        position,
        teleconsultation: false,
        booking_delay_until: 720,
        agendas: cabinet.profile.agendas
          .filter((a) => a.motiveKeys.includes(m.key))
          .map((a) => ({
            id: agendaIdOf(cabinet, a.index),
            name: `Equipe de vaccination - File ${a.index + 1}`,
            hidden: true,
          })),
      });
      categories.set(name, list);
    });
    return wireJson(
      KeldocMotiveCategories,
      [...categories].map(([name, list]) => ({
        motive_category_id: intBetween(1_000, 9_999, seed, 'category', cabinet.centre.id, name),
        name,
        position: 999,
        resource_type: 'Clinic',
        motives: list,
      })),
    );
  }

  function timetable(motiveId: number, params: URLSearchParams, now: number): SimResponse {
    const ref = motives.get(motiveId);
    const fromDay = dateToDay(params.get('from') ?? '');
    const toDay = dateToDay(params.get('to') ?? '');
    if (!ref) return json(404, { error: 'Not found' });
    if (fromDay === null || toDay === null || toDay < fromDay)
      return json(400, { error: 'from and to are required' });
    const { cabinet } = ref;
    const { profile } = cabinet;
    if (profile.phoneOnly) {
      const phone = cabinet.centre.phones[0] ?? '';
      return wireJson(KeldocTimetable, {
        text: `Prise de rendez-vous uniquement par téléphone${phone ? ` au ${phone}` : ''}`,
        num: phone.replace(/[^\d+]/g, ''),
        phone_number: phone,
      });
    }
    const asked = new Set(params.getAll('agenda_ids[]').map(Number));
    const agendas = new Set(
      profile.agendas
        .filter((a) => !a.bookingDisabled && a.motiveKeys.includes(ref.key))
        .filter((a) => asked.size === 0 || asked.has(agendaIdOf(cabinet, a.index)))
        .map((a) => a.index),
    );
    const from = Math.max(zonedInstant(fromDay, 0, profile.zone), 0);
    const to = zonedInstant(toDay + 1, 0, profile.zone);
    const slots = slotsAt(cabinet.centre, seed, { at: now, from, to, agendas });
    if (slots.length > 0) {
      const byDay: Record<string, Array<{ start_time: string; end_time: string; agenda_id: number }>> = {};
      for (const slot of slots) {
        const date = dayToDate(localDay(slot.start, profile.zone));
        const day = byDay[date] ?? [];
        byDay[date] = day;
        day.push({
          start_time: isoWithOffset(slot.start, profile.zone),
          end_time: isoWithOffset(slot.end, profile.zone),
          agenda_id: agendaIdOf(cabinet, slot.agenda),
        });
      }
      return wireJson(KeldocTimetable, { availabilities: byDay });
    }
    const next = nextSlotAt(cabinet.centre, seed, now, to, { agendas });
    if (next)
      return wireJson(KeldocTimetable, {
        date: isoWithOffset(next.start, profile.zone),
        text: nextDateText(profile.zone, next.start),
      });
    return wireJson(KeldocTimetable, { availabilities: {} });
  }

  const discoverable = discoverablePlaces(centres, seed, 'keldoc');
  const cabinetOfCentre = new Map([...cabinets.values()].map((c) => [c.centre.id, c]));
  const GEO_PAGE_SIZE = 10;

  /** The search by département (`raw_location=<slug>-<code>`), 10 places a page (discovery). */
  function geoLocation(params: URLSearchParams): SimResponse {
    const code = (params.get('raw_location') ?? '').split('-').at(-1)?.toUpperCase() ?? '';
    const page = Math.max(Number(params.get('page') ?? 1) || 1, 1);
    const places = discoverable.filter((p) => placeDepartement(p) === code);
    const data = places.slice((page - 1) * GEO_PAGE_SIZE, page * GEO_PAGE_SIZE).flatMap((place) => {
      const link = keldoc.parseBookingLink(place.centre.booking.url ?? '');
      if (!link) return [];
      const cabinet = cabinetOfCentre.get(place.centre.id);
      const id =
        cabinet?.id ?? link.cabinetId ?? intBetween(10_000, 99_999, seed, 'cabinet', place.centre.id);
      const specialty = cabinet?.specialtyId ?? link.specialtyId ?? 144;
      const { lines, postcode } = place.centre.address;
      return [
        {
          id,
          title: place.name,
          url: `/${link.type}/${link.location}/${link.slug}?specialty=${specialty}&cabinet=${id}`,
          type: 'Clinic',
          coordinates: place.centre.location
            ? `${place.centre.location.lat},${place.centre.location.lon}`
            : null,
          cabinet: {
            zipcode: postcode,
            location: [
              place.street ?? lines[0],
              postcode && `${postcode} ${place.centre.commune.name ?? ''}`.trim(),
            ]
              .filter(Boolean)
              .join(', '),
            city: place.centre.commune.name,
          },
          specialty_ids: [specialty],
        },
      ];
    });
    return wireJson(KeldocGeoSearch, {
      options: { next_page: page * GEO_PAGE_SIZE < places.length ? page + 1 : null },
      results: { section_1: { data } },
    });
  }

  return {
    driftRenames: {
      availabilities: 'slots',
      start_time: 'startTime',
      motives: 'reasons',
      cabinets: 'locations',
      date: 'next_date',
    },
    handle(request: SimRequest, now: number): SimResponse {
      const { pathname, searchParams } = request.url;
      if (pathname === '/api/patients/v2/searches/resource') return resource(searchParams);
      if (pathname === '/api/patients/v2/searches/geo_location') return geoLocation(searchParams);
      const categories =
        /^\/api\/patients\/v2\/clinics\/(\d+)\/specialties\/(\d+)\/cabinets\/(\d+)\/motive_categories$/.exec(
          pathname,
        );
      if (categories)
        return motiveCategories(Number(categories[1]), Number(categories[2]), Number(categories[3]));
      const timetableMatch = /^\/api\/patients\/v2\/timetables\/(\d+)$/.exec(pathname);
      if (timetableMatch) return timetable(Number(timetableMatch[1]), searchParams, now);
      return json(404, { error: 'Not found' });
    },
    describe() {
      return [...clinics.values()].flatMap((clinic) =>
        clinic.cabinets.map((c) => ({
          centre_id: c.centre.id,
          clinic_id: clinic.id,
          type: clinic.type,
          location: clinic.location,
          slug: clinic.slug,
          cabinet_id: c.id,
          cabinet_slug: c.slug,
          specialty_id: c.specialtyId,
        })),
      );
    },
  };
}

/** How Keldoc centres named their motives and categories. */
function keldocMotiveName(motive: SiteMotive): string {
  const brand = motive.vaccine ? ` ${BRAND[motive.vaccine].toUpperCase()}` : '';
  switch (motive.dose) {
    case 'first':
      return `Vaccination Covid +12 ans 1ère Injection (INJ1)${brand}`;
    case 'second':
      return `2ème injection seule + 12 ans${brand}`;
    case 'booster':
      return `Dose de rappel Covid${brand}`;
    case 'unknown':
      return 'Vaccination Covid';
  }
}

function keldocCategoryName(motive: SiteMotive): string {
  return motive.vaccine ? `Vaccination covid + 12 ans ${motive.vaccine.toUpperCase()}` : 'Vaccination';
}

export default defineSimulator({ name: 'keldoc', createApi: createKeldocApi });
