import type { AdapterErrorKind } from '../adapters/availability.ts';
import { hasSlots, type PublicAvailability } from '../availability/public-availability.ts';
import { timeZoneOf } from '../geo/time-zone.ts';
import { BOOKING_PLATFORM_LABELS } from '../platforms/manifest.ts';
import type { CentreState } from '../poller/centre-state.ts';
import {
  type BookingPlatform,
  booksByPhoneOnly,
  type Centre,
  WEEKDAYS,
  type Weekday,
} from '../registry/centre.ts';
import { dateTimeFormat, toZonedIso } from '../shared/time.ts';
import { absoluteBookingLink } from './links.ts';
import type { VmdCentre } from './vmd-schema.ts';

/** ViteMaDose's `plateforme`: the brand as the manifest writes it, `Autre` for the rest. */
const PLATFORM: Readonly<Record<BookingPlatform, string>> = {
  ...BOOKING_PLATFORM_LABELS,
  other: 'Autre',
  none: 'Autre',
};

const JOUR: Readonly<Record<Weekday, string>> = {
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

function frenchDate(iso: string, zone: string): string {
  const format = dateTimeFormat('fr-FR', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' });
  return format.format(new Date(iso)).replace(' ', ' à ');
}

/**
 * `erreur`, in French: null only when the last check succeeded and is recent. A centre never
 * checked, held back, failing, stale, or publishing nothing online says so, so that a re-user never
 * mistakes "we do not know" for "no slots".
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
  if (!state?.checked_at) {
    if (state?.held_back?.reason === 'circuit_open')
      return 'Pas encore vérifié : la plateforme de réservation est en pause après des erreurs répétées';
    if (state?.held_back?.reason === 'provider_disabled')
      return 'Pas vérifié : la lecture de cette plateforme de réservation est désactivée';
    return 'Pas encore vérifié par Créneau';
  }
  if (availability.status === 'unknown')
    return 'Disponibilités non publiées en ligne : se renseigner auprès du centre';
  if (availability.freshness === 'stale') return `Information ancienne (${lastGood})`;
  return null;
}

/** `0299…` → `+33299…`, as ViteMaDose wrote numbers; anything else as given. */
function phoneNumber(phone: string): string {
  const digits = phone.replace(/[\s.-]/g, '');
  return /^0\d{9}$/.test(digits) ? `+33${digits.slice(1)}` : phone;
}

function address(centre: Centre): string {
  const town = [centre.address.postcode, centre.commune.name].filter(Boolean).join(' ');
  return [...centre.address.lines, town].filter(Boolean).join(', ');
}

function businessHours(centre: Centre): Record<string, string> | null {
  const entries = WEEKDAYS.flatMap((day) => {
    const hours = centre.opening_hours[day];
    return hours ? [[JOUR[day], hours] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

export interface VmdCentreInput {
  centre: Centre;
  state: CentreState | undefined;
  availability: PublicAvailability;
  origin: string;
}

/** One centre in ViteMaDose's shape (`CenterInfo.default()`), links through `/go/{id}`. */
export function vmdCentre(
  { centre, state, availability, origin }: VmdCentreInput,
  departement: string,
): VmdCentre {
  const zone = timeZoneOf(centre);
  const phone = centre.phones[0];
  const withSlots = hasSlots(availability);
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
    prochain_rdv: availability.next_slot,
    plateforme: PLATFORM[centre.booking.platform],
    type: 'vaccination-center',
    appointment_count: withSlots ? availability.slot_count : 0,
    internal_id: centre.id,
    vaccine_type: availability.per_vaccine
      ? Object.entries(availability.per_vaccine)
          .filter(([, count]) => count > 0)
          .map(([vaccine]) => vaccine)
      : null,
    appointment_by_phone_only: booksByPhoneOnly(centre) || availability.status === 'phone_only',
    erreur: vmdErreur(state, availability, zone),
    // ViteMaDose's "last scan that found slots": we only know it for a centre that has slots now.
    last_scan_with_availabilities:
      withSlots && availability.valid_at ? toZonedIso(Date.parse(availability.valid_at), zone) : null,
  };
}
