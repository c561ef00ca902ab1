import type { PublicAvailability } from '../availability/public-availability.ts';

/**
 * The words a card uses for availability, shared by the server render and the live refresh in the
 * browser so both always say the same thing. Honesty first: a failed check is "information
 * indisponible", never "aucun créneau"; an old answer says how old it is.
 */
export type AvailabilityTone = 'slots' | 'none' | 'phone' | 'unknown' | 'stale';

export interface AvailabilityText {
  tone: AvailabilityTone;
  /** "12 créneaux", "Aucun créneau pour l'instant", "Information indisponible"… */
  headline: string;
  /** "Prochain : mardi 19 janvier à 14 h 30" */
  next: string | null;
  /** "Vérifié il y a 3 min", with a warning when stale. */
  freshness: string | null;
}

const count = new Intl.NumberFormat('fr-FR');

export function agoLabel(ageS: number): string {
  if (ageS < 60) return 'à l’instant';
  const minutes = Math.round(ageS / 60);
  if (minutes < 60) return `il y a ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `il y a ${hours} h`;
  return `il y a ${Math.round(hours / 24)} jours`;
}

const slotDateFormats = new Map<string, Intl.DateTimeFormat>();

/** "mardi 19 janvier à 14 h 30", in the centre's own time zone. */
export function slotDateLabel(iso: string, timeZone: string): string {
  let format = slotDateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    slotDateFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} à ${Number(parts.hour)} h ${parts.minute}`;
}

export function availabilityText(availability: PublicAvailability, timeZone: string): AvailabilityText {
  const checked = availability.age_s === null ? null : agoLabel(availability.age_s);
  const stale = availability.freshness === 'stale';
  const freshness =
    checked === null ? null : stale ? `Information ancienne : vérifiée ${checked}` : `Vérifié ${checked}`;
  const next = availability.next_slot
    ? `Prochain : ${slotDateLabel(availability.next_slot, timeZone)}`
    : null;
  if (availability.status === 'unknown' && availability.valid_at && !availability.error) {
    // An honest answer that needed no request: the centre publishes no availability online.
    return { tone: 'unknown', headline: 'Disponibilités non publiées en ligne', next: null, freshness: null };
  }
  if (availability.freshness === 'unknown' || availability.status === 'unknown') {
    const why = availability.error
      ? 'La plateforme de réservation ne répond pas pour le moment'
      : 'Pas encore vérifié';
    return { tone: 'unknown', headline: 'Information indisponible', next: null, freshness: why };
  }
  if (availability.status === 'phone_only') {
    return {
      tone: stale ? 'stale' : 'phone',
      headline: 'Réservation par téléphone uniquement',
      next: null,
      freshness,
    };
  }
  if (availability.status === 'some' && availability.slot_count > 0) {
    const headline = `${count.format(availability.slot_count)} créneau${availability.slot_count > 1 ? 'x' : ''}`;
    return {
      tone: stale ? 'stale' : 'slots',
      headline: stale ? `${headline} (à confirmer)` : headline,
      next,
      freshness,
    };
  }
  return {
    tone: stale ? 'stale' : 'none',
    headline: 'Aucun créneau pour l’instant',
    next: next ? next.replace('Prochain', 'Prochain créneau annoncé') : null,
    freshness,
  };
}
