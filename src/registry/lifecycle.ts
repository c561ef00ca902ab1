import { timeZoneOf } from '../geo/time-zone.ts';
import { localDate } from '../shared/time.ts';
import type { Centre } from './centre.ts';

/**
 * Where a centre is in its life on a given day, from the official list's `centre_fermeture`,
 * `date_fermeture` and `date_ouverture`: evaluated when a page or a poll asks (with the app's clock),
 * never frozen at import, so a centre closing tomorrow is served open today and closed tomorrow.
 */
export type Lifecycle =
  | { state: 'open' }
  /** `date_ouverture` is after today: shown "ouvre le …", not bookable before. */
  | { state: 'opens_on'; date: string }
  /** `centre_fermeture` is true (date: `date_fermeture` when given), or `date_fermeture` is past. */
  | { state: 'closed'; date: string | null };
export type LifecycleState = Lifecycle['state'];

type LifecycleFacts = Pick<Centre, 'opens_on' | 'closes_on' | 'closed' | 'departement' | 'address'>;

/**
 * `date_fermeture` is the last day the centre takes people (as the simulator reads it too): it is
 * closed from the day after. `date_ouverture` is the first day it does.
 */
export function lifecycleOn(
  centre: Omit<LifecycleFacts, 'departement' | 'address'>,
  today: string,
): Lifecycle {
  if (centre.closed === true) return { state: 'closed', date: centre.closes_on };
  if (centre.closes_on !== null && centre.closes_on < today)
    return { state: 'closed', date: centre.closes_on };
  if (centre.opens_on !== null && centre.opens_on > today)
    return { state: 'opens_on', date: centre.opens_on };
  return { state: 'open' };
}

/** The centre's lifecycle at an instant, "today" being the date in the centre's own zone. */
export function lifecycleOf(centre: LifecycleFacts, now: Date): Lifecycle {
  return lifecycleOn(centre, localDate(now.getTime(), timeZoneOf(centre)));
}

/**
 * Listed (searches, maps, lists, feeds, exports, statistics) on `today`, the date in the centre's zone:
 * not closed, and not a duplicate of another. The centre index's public view is made of these.
 */
export function listedOn(
  centre: Omit<LifecycleFacts, 'departement' | 'address'> & Pick<Centre, 'duplicate_of'>,
  today: string,
): boolean {
  return !centre.duplicate_of && lifecycleOn(centre, today).state !== 'closed';
}

/**
 * Polled: open today and the one kept of its duplicate group (a shared agenda is asked once).
 * A centre that opens later is polled from its opening day.
 */
export function isPolled(centre: LifecycleFacts & Pick<Centre, 'duplicate_of'>, now: Date): boolean {
  return !centre.duplicate_of && lifecycleOf(centre, now).state === 'open';
}
