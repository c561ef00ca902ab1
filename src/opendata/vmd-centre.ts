import type { AdapterErrorKind } from '../adapters/availability.ts';
import { hasSlots, type PublicAvailability } from '../availability/public-availability.ts';
import { timeZoneOf } from '../geo/time-zone.ts';
import type { CentreState } from '../poller/centre-state.ts';
import {
  type BookingPlatform,
  booksByPhoneOnly,
  type Centre,
  WEEKDAYS,
  type Weekday,
} from '../registry/centre.ts';
import { DAY_MS, dateTimeFormat, localDate, nextDay, toZonedIso, zonedDayStartMs } from '../shared/time.ts';
import { absoluteBookingLink } from './links.ts';
import { VMD_SPLIT_DAYS, VMD_VACCINES, type VmdCentre } from './vmd-schema.ts';

/**
 * ViteMaDose's `plateforme`: only the values their front end knows (vitemadose-front `TypePlateforme`);
 * another site, or no online booking, is null (`CenterInfo`'s default).
 */
const PLATFORM: Readonly<Record<BookingPlatform, VmdCentre['plateforme']>> = {
  doctolib: 'Doctolib',
  maiia: 'Maiia',
  keldoc: 'Keldoc',
  other: null,
  none: null,
};

const JOUR: Readonly<
  Record<Weekday, keyof NonNullable<NonNullable<VmdCentre['metadata']>['business_hours']>>
> = {
  monday: 'lundi',
  tuesday: 'mardi',
  wednesday: 'mercredi',
  thursday: 'jeudi',
  friday: 'vendredi',
  saturday: 'samedi',
  sunday: 'dimanche',
};

const ERROR_TEXT: Readonly<Record<AdapterErrorKind, string>> = {
  unreachable: 'La plateforme de réservation est injoignable',
  timeout: 'La plateforme de réservation n’a pas répondu à temps',
  blocked: 'La plateforme de réservation a refusé l’accès',
  rate_limited: 'La plateforme de réservation a limité le nombre de requêtes',
  bad_response: 'La réponse de la plateforme de réservation était illisible',
  not_found: 'Centre introuvable sur la plateforme de réservation (lien périmé ?)',
};

/** `handle_next_availability()`: a next appointment more than 50 days away is dropped. */
const PROCHAIN_RDV_LIMIT_MS = 50 * DAY_MS;

function frenchDate(iso: string, zone: string): string {
  const format = dateTimeFormat('fr-FR', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' });
  return format.format(new Date(iso)).replace(' ', ' à ');
}

/**
 * `erreur`, in French: set exactly when the last check failed or the last good value expired
 * (src/availability/knowledge.ts), with the date of the last good information; null otherwise.
 */
export function vmdErreur(
  state: CentreState | undefined,
  availability: PublicAvailability,
  zone: string,
): string | null {
  const lastGood = state?.valid_at
    ? `dernières informations du ${frenchDate(state.valid_at, zone)}`
    : 'aucune vérification réussie';
  if (state?.last_error) return `${ERROR_TEXT[state.last_error.kind]} (${lastGood})`;
  if (availability.freshness === 'expired')
    return `Information expirée, à vérifier auprès du centre (${lastGood})`;
  return null;
}

/** `0299…` → `+33299…`, as ViteMaDose's `format_phone_number` wrote numbers; anything else as given. */
function phoneNumber(phone: string): string {
  const digits = phone.replace(/[\s.-]/g, '');
  return /^0\d{9}$/.test(digits) ? `+33${digits.slice(1)}` : phone;
}

function address(centre: Centre): string {
  const town = [centre.address.postcode, centre.commune.name].filter(Boolean).join(' ');
  return [...centre.address.lines, town].filter(Boolean).join(', ');
}

/** Every weekday present (vitemadose-front `BusinessHours`), null for a day the source did not give. */
function businessHours(centre: Centre): NonNullable<VmdCentre['metadata']>['business_hours'] {
  if (!WEEKDAYS.some((day) => centre.opening_hours[day])) return null;
  return Object.fromEntries(
    WEEKDAYS.map((day) => [JOUR[day], centre.opening_hours[day] ?? null]),
  ) as NonNullable<NonNullable<VmdCentre['metadata']>['business_hours']>;
}

/** The vaccines named for the shown slots, among ViteMaDose's `Vaccine` values; null when none is known. */
function vaccineType(availability: PublicAvailability): VmdCentre['vaccine_type'] {
  if (!availability.available || !availability.per_vaccine) return null;
  const named = VMD_VACCINES.filter((vaccine) => (availability.per_vaccine?.[vaccine] ?? 0) > 0);
  return named.length > 0 ? named : null;
}

/**
 * `appointment_schedules` as the scrapers wrote them: `chronodose` over the next 24 hours (every
 * vaccine: Créneau does not keep slots by vaccine and hour), then 1, 2, 7, 28 and 49 days from today's
 * midnight (centre's time). Créneau reads 14 days ahead: the longer windows hold what it read. Only
 * for a centre counted as available; empty otherwise (`[]`, as ViteMaDose's unavailable centres).
 */
export function appointmentSchedules(
  availability: PublicAvailability,
  nowMs: number,
  zone: string,
): VmdCentre['appointment_schedules'] {
  if (!hasSlots(availability) || !availability.per_day) return [];
  const perDay = availability.per_day;
  const nowS = Math.floor(nowMs / 1000) * 1000;
  const today = localDate(nowMs, zone);
  const schedules: VmdCentre['appointment_schedules'] = [
    {
      name: 'chronodose',
      from: toZonedIso(nowS, zone),
      to: toZonedIso(nowS + DAY_MS - 1000, zone),
      total: availability.next_24h ?? 0,
    },
  ];
  let day = today;
  let total = 0;
  let counted = 0;
  for (const n of VMD_SPLIT_DAYS) {
    while (counted < n) {
      total += perDay[day] ?? 0;
      day = nextDay(day);
      counted++;
    }
    schedules.push({
      name: `${n}_days`,
      from: toZonedIso(zonedDayStartMs(today, zone), zone),
      to: toZonedIso(zonedDayStartMs(day, zone) - 1000, zone),
      total,
    });
  }
  return schedules;
}

export interface VmdCentreInput {
  centre: Centre;
  state: CentreState | undefined;
  availability: PublicAvailability;
  /** CRENEAU_PUBLIC_URL's origin: links never use the request's host. */
  origin: string;
  nowMs: number;
}

/** One centre in ViteMaDose's shape (`CenterInfo.default()`), links through the public `/go/{id}`. */
export function vmdCentre(
  { centre, state, availability, origin, nowMs }: VmdCentreInput,
  departement: string,
): VmdCentre {
  const zone = timeZoneOf(centre);
  const phone = centre.phones[0];
  const withSlots = hasSlots(availability);
  const next = withSlots && availability.next_slot ? Date.parse(availability.next_slot) : null;
  return {
    departement: centre.departement ?? departement,
    nom: centre.name,
    url: centre.booking.url ? absoluteBookingLink(origin, centre) : '',
    location: centre.location
      ? {
          longitude: centre.location.lon,
          latitude: centre.location.lat,
          city: centre.commune.name,
          cp: centre.address.postcode,
        }
      : null,
    metadata: {
      address: address(centre),
      ...(phone ? { phone_number: phoneNumber(phone) } : {}),
      business_hours: businessHours(centre),
    },
    prochain_rdv: next !== null && next - nowMs <= PROCHAIN_RDV_LIMIT_MS ? toZonedIso(next, zone) : null,
    plateforme: PLATFORM[centre.booking.platform],
    type: 'vaccination-center',
    appointment_count: withSlots ? availability.slot_count : 0,
    appointment_schedules: appointmentSchedules(availability, nowMs, zone),
    internal_id: centre.id,
    gid: centre.source.kind === 'official' ? centre.source.id : null,
    vaccine_type: vaccineType(availability),
    appointment_by_phone_only: booksByPhoneOnly(centre) || availability.status === 'phone_only',
    erreur: vmdErreur(state, availability, zone),
    // "The last scan that found slots": the last good check, while it still shows slots.
    last_scan_with_availabilities:
      availability.available && availability.valid_at
        ? toZonedIso(Date.parse(availability.valid_at), zone)
        : null,
  };
}
