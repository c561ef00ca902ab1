import { discoveryDepartements } from '../../discovery/departements.ts';
import type { Wire } from '../../platforms/wire.ts';
import type { Centre } from '../../registry/centre.ts';
import { WEEKDAYS } from '../../registry/centre.ts';
import { DAY_MS, dateToDay, dayToDate, isoWithOffset, localDay, zonedInstant } from '../../shared/time.ts';
import { BRAND } from '../../simulator/catalogue.ts';
import { discoverablePlaces, placeDepartement } from '../../simulator/discoverable.ts';
import { intBetween } from '../../simulator/hash.ts';
import {
  defineSimulator,
  idList,
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
import { doctolibDepartementSlug } from './discover.ts';
import doctolib from './platform.ts';
import { DoctolibAvailabilities, DoctolibBooking, DoctolibSearch } from './schemas.ts';

/**
 * Doctolib's partner API as 2021 aggregators saw it: `GET /booking/{slug}.json` describes a booking
 * (an organisation: motives, agendas, places), `GET /availabilities.json` lists free slots by day.
 * A centre's booking URL is `https://partners.doctolib.fr/<specialty>/<city>/<slug>?pid=practice-N`;
 * centres sharing a slug are the places of one booking.
 */

interface Place {
  practiceId: number;
  centre: Centre;
  profile: SiteProfile;
}

interface Booking {
  slug: string;
  profileId: number;
  places: Place[];
}

interface AgendaRef {
  place: Place;
  agendaIndex: number;
}

const HOURS = (profile: SiteProfile) => {
  const hhmm = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return [hhmm(profile.opensAt), hhmm(profile.closesAt)];
};

export function createDoctolibApi(centres: readonly Centre[], seed: string): ProviderApi {
  const bookings = new Map<string, Booking>();
  const agendaIds = new IdAllocator(100_000, 999_999);
  const motiveIds = new IdAllocator(100_000, 999_999);
  const agendas = new Map<number, AgendaRef>();
  const motiveKeys = new Map<number, string>();

  for (const centre of centres) {
    const ref = doctolib.parseBookingLink(centre.booking.url ?? '');
    if (!ref) continue;
    let booking = bookings.get(ref.slug);
    if (!booking) {
      booking = {
        slug: ref.slug,
        profileId: intBetween(100_000, 999_999, seed, 'profile', ref.slug),
        places: [],
      };
      bookings.set(ref.slug, booking);
    }
    const practiceId = ref.practiceId ?? intBetween(100_000, 199_999, seed, 'practice', centre.id);
    // Two centres pointing at the same place are one place: the first one's supply serves it.
    if (booking.places.some((p) => p.practiceId === practiceId)) continue;
    const place: Place = { practiceId, centre, profile: siteProfile(centre, seed) };
    booking.places.push(place);
    for (const agenda of place.profile.agendas) {
      agendas.set(agendaIds.allocate(seed, 'agenda', centre.id, agenda.index), {
        place,
        agendaIndex: agenda.index,
      });
    }
  }
  const agendaIdByKey = new Map<string, number>();
  for (const [id, ref] of agendas) agendaIdByKey.set(`${ref.place.centre.id}#${ref.agendaIndex}`, id);
  const agendaIdOf = (place: Place, index: number): number => {
    const id = agendaIdByKey.get(`${place.centre.id}#${index}`);
    if (id === undefined) throw new Error(`no agenda id for ${place.centre.id}#${index}`);
    return id;
  };
  const motiveIdOf = (slug: string, key: string): number => {
    const id = motiveIds.allocate(seed, 'motive', slug, key);
    motiveKeys.set(id, key);
    return id;
  };
  for (const booking of bookings.values()) {
    for (const place of booking.places)
      for (const m of place.profile.motives) motiveIdOf(booking.slug, m.key);
  }

  function bookingJson(booking: Booking): Wire<typeof DoctolibBooking> {
    const motives = new Map<string, SiteProfile['motives'][number]>();
    for (const place of booking.places) for (const m of place.profile.motives) motives.set(m.key, m);
    return {
      data: {
        profile: { id: booking.profileId, name_with_title: booking.places[0]?.centre.name ?? booking.slug },
        visit_motive_categories: [],
        visit_motives: [...motives.values()].map((m) => ({
          id: motiveIdOf(booking.slug, m.key),
          name: doctolibMotiveName(m),
          ref_visit_motive_id: doctolibRefMotiveId(m),
          vaccination_motive: true,
          first_shot_motive: m.dose === 'first',
          allow_new_patients: true,
        })),
        agendas: booking.places.flatMap((place) =>
          place.profile.agendas.map((agenda) => {
            const ids = agenda.motiveKeys.map((key) => motiveIdOf(booking.slug, key));
            return {
              id: agendaIdOf(place, agenda.index),
              practice_id: place.practiceId,
              booking_disabled: agenda.bookingDisabled,
              booking_temporary_disabled: false,
              visit_motive_ids: ids,
              visit_motive_ids_by_practice_id: { [String(place.practiceId)]: ids },
            };
          }),
        ),
        places: booking.places.map(({ practiceId, centre, profile }) => ({
          id: `practice-${practiceId}`,
          practice_ids: [practiceId],
          name: centre.name,
          address: centre.address.lines.join(', '),
          zipcode: centre.address.postcode,
          city: centre.commune.name,
          full_address: [centre.address.lines.join(', '), centre.address.postcode, centre.commune.name]
            .filter(Boolean)
            .join(' '),
          latitude: centre.location?.lat ?? null,
          longitude: centre.location?.lon ?? null,
          opening_hours: WEEKDAYS.map((_, index) => ({
            day: index + 1,
            ranges: [HOURS(profile)],
            enabled: !/ferm/i.test(centre.opening_hours[WEEKDAYS[index] ?? 'monday'] ?? ''),
          })),
        })),
      },
    };
  }

  function availabilities(params: URLSearchParams, now: number): SimResponse {
    const startDay = dateToDay(params.get('start_date') ?? '');
    const motiveIdList = idList(params, 'visit_motive_ids').map(Number);
    const agendaIdList = idList(params, 'agenda_ids').map(Number);
    if (startDay === null || motiveIdList.length === 0 || agendaIdList.length === 0) {
      return json(400, { error: 'start_date, visit_motive_ids and agenda_ids are required' });
    }
    const practices = new Set(idList(params, 'practice_ids').map(Number));
    const limit = Math.min(Math.max(Number(params.get('limit') ?? 7) || 7, 1), 15);
    const wanted = new Set(motiveIdList.map((id) => motiveKeys.get(id)).filter((k) => k !== undefined));
    const chosen = new Map<Place, Set<number>>();
    for (const id of agendaIdList) {
      const ref = agendas.get(id);
      if (!ref || (practices.size > 0 && !practices.has(ref.place.practiceId))) continue;
      const agenda = ref.place.profile.agendas[ref.agendaIndex];
      if (!agenda || agenda.bookingDisabled || !agenda.motiveKeys.some((k) => wanted.has(k))) continue;
      const set = chosen.get(ref.place) ?? new Set<number>();
      set.add(ref.agendaIndex);
      chosen.set(ref.place, set);
    }
    const zone = [...chosen.keys()][0]?.profile.zone ?? 'Europe/Paris';
    const from = zonedInstant(startDay, 0, zone);
    const to = zonedInstant(startDay + limit, 0, zone);
    const firstShot = [...wanted].some((key) => key.endsWith('-first'));
    const secondDays = Math.max(0, ...[...wanted].map(secondInjectionDays));
    const byDay = new Map<number, Array<{ start: number; end: number; agendaId: number }>>();
    for (const [place, indexes] of chosen) {
      for (const slot of slotsAt(place.centre, seed, { at: now, from, to, agendas: indexes })) {
        const day = localDay(slot.start, zone);
        const list = byDay.get(day) ?? [];
        list.push({
          start: slot.start,
          end: slot.end,
          agendaId: agendaIdOf(place, slot.agenda),
        });
        byDay.set(day, list);
      }
    }
    let total = 0;
    const days = [];
    for (let day = startDay; day < startDay + limit; day++) {
      const list = (byDay.get(day) ?? []).sort((a, b) => a.start - b.start);
      // First-shot motives list objects (Doctolib chains the second appointment to them), one per
      // agenda; other motives list bare times, one per start.
      const slots = firstShot
        ? list.map((s) => ({
            start_date: isoWithOffset(s.start, zone),
            end_date: isoWithOffset(s.end, zone),
            agenda_id: s.agendaId,
            ...(secondDays > 0 && {
              steps: [
                { agenda_id: s.agendaId, start_date: isoWithOffset(s.start, zone) },
                { agenda_id: s.agendaId, start_date: isoWithOffset(s.start + secondDays * DAY_MS, zone) },
              ],
            }),
          }))
        : [...new Set(list.map((s) => isoWithOffset(s.start, zone)))];
      total += slots.length;
      days.push({ date: dayToDate(day), slots });
    }
    const body: Wire<typeof DoctolibAvailabilities> = { availabilities: days, total };
    if (total === 0) {
      let next: number | null = null;
      for (const [place, indexes] of chosen) {
        const slot = nextSlotAt(place.centre, seed, now, to, { agendas: indexes });
        if (slot && (next === null || slot.start < next)) next = slot.start;
      }
      if (next !== null) body.next_slot = isoWithOffset(next, zone);
    }
    return wireJson(DoctolibAvailabilities, body);
  }

  const discoverable = discoverablePlaces(centres, seed, 'doctolib');
  const practiceOfCentre = new Map(
    [...bookings.values()].flatMap((b) => b.places.map((p) => [p.centre.id, p.practiceId] as const)),
  );
  const SEARCH_PAGE_SIZE = 10;

  /** The search listing of a département (`/vaccination-covid-19/<slug>.json`), 10 a page (discovery). */
  function search(departementSlug: string, params: URLSearchParams): SimResponse {
    const departement = discoveryDepartements().find((d) => doctolibDepartementSlug(d) === departementSlug);
    if (!departement) return json(404, { error: 'not_found' });
    const page = Math.max(Number(params.get('page') ?? 1) || 1, 1);
    const places = discoverable.filter((p) => placeDepartement(p) === departement.code);
    const doctors = places.slice((page - 1) * SEARCH_PAGE_SIZE, page * SEARCH_PAGE_SIZE).flatMap((place) => {
      const url = URL.parse(place.centre.booking.url ?? '');
      const link = url && doctolib.parseBookingLink(url);
      if (!url || !link) return [];
      const practiceId =
        practiceOfCentre.get(place.centre.id) ??
        link.practiceId ??
        intBetween(100_000, 199_999, seed, 'practice', place.centre.id);
      return [
        {
          id: intBetween(100_000, 999_999, seed, 'profile', link.slug),
          link: url.pathname,
          name_with_title: place.name,
          address: place.street,
          zipcode: place.centre.address.postcode,
          city: place.centre.commune.name,
          position: { lat: place.centre.location?.lat ?? null, lng: place.centre.location?.lon ?? null },
          place_id: `practice-${practiceId}`,
          exact_match: true,
        },
      ];
    });
    return wireJson(DoctolibSearch, { data: { doctors } });
  }

  return {
    driftRenames: {
      availabilities: 'availability_days',
      visit_motives: 'visitMotives',
      start_date: 'startDate',
      agendas: 'calendars',
    },
    handle(request: SimRequest, now: number): SimResponse {
      const { pathname, searchParams } = request.url;
      const bookingMatch = /^\/booking\/([^/]+)\.json$/.exec(pathname);
      if (bookingMatch?.[1]) {
        const booking = bookings.get(decodeURIComponent(bookingMatch[1]));
        return booking ? wireJson(DoctolibBooking, bookingJson(booking)) : json(404, { error: 'not_found' });
      }
      if (pathname === '/availabilities.json') return availabilities(searchParams, now);
      const searchMatch = /^\/vaccination-covid-19\/([^/]+)\.json$/.exec(pathname);
      if (searchMatch?.[1]) return search(decodeURIComponent(searchMatch[1]), searchParams);
      return json(404, { error: 'not_found' });
    },
    describe() {
      return [...bookings.values()].flatMap((b) =>
        b.places.map((p) => ({ centre_id: p.centre.id, slug: b.slug, practice_id: p.practiceId })),
      );
    },
  };
}

/**
 * Days from a first-shot slot to the second injection the simulated booking chains to it (French
 * practice of spring 2021: 42 days for the mRNA vaccines, 12 weeks for AstraZeneca, none for Janssen).
 */
function secondInjectionDays(motiveKey: string): number {
  if (!motiveKey.endsWith('-first')) return 0;
  if (motiveKey.startsWith('astrazeneca')) return 84;
  if (motiveKey.startsWith('janssen')) return 0;
  return 42;
}

/** How Doctolib centres named their motives (after the 2021 captures). */
function doctolibMotiveName(motive: SiteMotive): string {
  const brand = motive.vaccine ? BRAND[motive.vaccine] : '';
  switch (motive.dose) {
    case 'first':
      return motive.vaccine === 'janssen'
        ? `Injection unique vaccin COVID-19 (${brand})`
        : `1ère injection vaccin COVID-19 (${brand})`;
    case 'second':
      return `2nde injection vaccin COVID-19 (${brand})`;
    case 'booster':
      return `Dose de rappel vaccin COVID-19 (${brand})`;
    case 'unknown':
      return 'Vaccination COVID-19';
  }
}

/** Doctolib's reference motive ids (simulated values; 6970 is the captured Moderna first dose). */
function doctolibRefMotiveId(motive: SiteMotive): number {
  const table: Record<string, number> = {
    'moderna-first': 6970,
    'pfizer-first': 6971,
    'astrazeneca-first': 7005,
    'janssen-first': 7945,
    'pfizer-second': 7109,
    'moderna-second': 7110,
    'astrazeneca-second': 7107,
    'pfizer-booster': 8192,
  };
  return table[motive.key] ?? 0;
}

export default defineSimulator({ name: 'doctolib', createApi: createDoctolibApi });
