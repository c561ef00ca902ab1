import type { Centre } from '../registry/centre.ts';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** Overseas départements and collectivities keep their own clocks; everything else is on Paris time. */
const OVERSEAS_ZONES: Readonly<Record<string, string>> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
  '977': 'America/St_Barthelemy',
  '978': 'America/Marigot',
};

/** The zone a centre's days and times are in: from its département, else its postcode. */
export function timeZoneOf(centre: Pick<Centre, 'departement' | 'address'>): string {
  const code = centre.departement ?? centre.address.postcode?.slice(0, 3) ?? '';
  return OVERSEAS_ZONES[code] ?? DEFAULT_TIME_ZONE;
}
