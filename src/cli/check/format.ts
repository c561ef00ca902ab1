import type { Availability, Dose } from '../../adapters/availability.ts';
import { dateTimeFormat, WEEKDAY_DATE_TIME } from '../../shared/time.ts';

/** What `creneau check` asked, beside the answer: printed before it so an operator knows what was checked. */
export interface CheckedTarget {
  centre: { id: string; name: string; inRegistry: boolean };
  zone: string;
  /** The API asked; `simulated` when it is the embedded simulator, not the real platform. */
  baseUrl: string;
  simulated: boolean;
}

const STATUS: Record<Availability['status'], string> = {
  some: 'des créneaux sont disponibles',
  none: 'aucun créneau disponible',
  phone_only: 'réservation par téléphone uniquement',
  unknown: 'inconnue',
};

const DOSE: Record<Dose, string> = {
  first: '1re dose',
  second: '2e dose',
  booster: 'rappel',
  unknown: 'dose non précisée',
};

const ERROR: Record<NonNullable<Availability['error']>['kind'], string> = {
  unreachable: 'plateforme injoignable (réseau ou erreur 5xx)',
  timeout: 'pas de réponse dans le délai',
  blocked: 'accès refusé (401/403)',
  rate_limited: 'trop de requêtes (429)',
  bad_response: 'réponse illisible ou format inattendu',
  not_found: 'centre introuvable sur la plateforme (404)',
};

/** `mercredi 21 avril 2021 à 10:05` in the centre's zone. */
function when(iso: string, zone: string): string {
  return dateTimeFormat('fr-FR', { timeZone: zone, ...WEEKDAY_DATE_TIME }).format(new Date(iso));
}

function dayLabel(date: string): string {
  return dateTimeFormat('fr-FR', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(new Date(`${date}T00:00:00Z`));
}

const line = (label: string, value: string) => `${`${label} :`.padEnd(22)}${value}`;

/** The availability as an operator reads it, in French, times in the centre's zone. */
export function formatCheck(target: CheckedTarget, availability: Availability): string {
  const { centre, zone } = target;
  const lines = [
    line('Centre', `${centre.name} (${centre.id}${centre.inRegistry ? '' : ', hors registre'})`),
    line(
      'Plateforme',
      `${availability.provider} via ${target.baseUrl}${target.simulated ? ' (simulateur local)' : ''}`,
    ),
    line('Disponibilité', STATUS[availability.status]),
  ];
  const error = availability.error;
  if (error) {
    lines.push(line('Erreur', `${error.kind} : ${ERROR[error.kind]}`), line('Détail', error.message));
    if (error.retry_after_s !== undefined)
      lines.push(line('Réessayer après', `${error.retry_after_s} s (Retry-After)`));
  } else {
    lines.push(
      line('Prochain créneau', availability.next_slot ? when(availability.next_slot, zone) : 'aucun connu'),
      line(`Sur ${availability.horizon_days} jours`, `${availability.slot_count} créneau(x)`),
    );
    const days = Object.entries(availability.per_day);
    if (days.length > 0)
      lines.push(line('Par jour', days.map(([date, n]) => `${dayLabel(date)} ${n}`).join(', ')));
    if (availability.slot_count > 0) {
      const doses = Object.entries(availability.per_dose) as Array<[Dose, number]>;
      lines.push(line('Par dose', doses.map(([dose, n]) => `${DOSE[dose]} ${n}`).join(', ')));
      const vaccines = Object.entries(availability.per_vaccine);
      lines.push(
        line(
          'Par vaccin',
          vaccines.length > 0 ? vaccines.map(([v, n]) => `${v} ${n}`).join(', ') : 'non précisé',
        ),
      );
    }
  }
  lines.push(line('Réservation', availability.booking_url ?? 'aucun lien'));
  if (availability.booking_phone) lines.push(line('Téléphone', availability.booking_phone));
  lines.push(line('Vérifié le', `${when(availability.checked_at, zone)} (${zone})`));
  return `${lines.join('\n')}\n`;
}
