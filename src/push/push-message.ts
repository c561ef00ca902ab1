import type { AlertEvent } from '../alerts/alert-event.ts';
import { slotDateLabel } from '../format/availability-text.ts';
import { distanceKm } from '../geo/distance.ts';
import { localHref, messagesFor } from '../i18n/locale.ts';
import type { PushScope, StoredSubscription } from './subscription.ts';

/** What the service worker (public/push-sw.js) shows: everything in the subscriber's language. */
export interface PushMessage {
  title: string;
  body: string;
  /** Absolute, on CRENEAU_PUBLIC_URL: opened by a click on the notification. */
  url: string;
  /** One notification per alert: a newer one replaces the older. */
  tag: string;
  /** "Stop these alerts" posts the endpoint to `/api/v1/push/unsubscribe` from the service worker. */
  actions: Array<{ action: 'open' | 'unsubscribe'; title: string }>;
}

/** The events in a scope: as the feeds choose (the centre within the radius, or in the commune; the département). */
export function eventsInScope(scope: PushScope, events: readonly AlertEvent[]): AlertEvent[] {
  if (scope.kind === 'departement') return events.filter((event) => event.departement === scope.code);
  return events.filter(
    (event) =>
      event.commune.insee === scope.insee ||
      (event.location !== null && distanceKm(scope, event.location) <= scope.radius_km),
  );
}

/** The page the scope's results are on (relative). */
export function scopeResultsPath(scope: PushScope): string {
  return scope.kind === 'commune'
    ? `/recherche?commune=${encodeURIComponent(scope.insee)}&rayon=${scope.radius_km}`
    : `/recherche?departement=${encodeURIComponent(scope.code)}`;
}

/** "à moins de 20 km de Rennes" / "within 20 km of Rennes". */
export function scopeWhere(scope: PushScope, lang: 'fr' | 'en'): string {
  const t = messagesFor(lang).alertPage;
  return scope.kind === 'commune'
    ? t.whereCommune(scope.name, scope.radius_km)
    : t.whereDepartement(`${scope.name} (${scope.code})`);
}

/**
 * The notification for one subscriber, or null when none of the events is in their scope. One event
 * names the centre and links to its page; several are summed up and link to the results. Every
 * message says the slot is to be confirmed on the platform.
 */
export function pushMessage(
  subscription: Pick<StoredSubscription, 'scope' | 'lang'>,
  events: readonly AlertEvent[],
  publicUrl: string,
): PushMessage | null {
  const matching = eventsInScope(subscription.scope, events);
  const first = matching[0];
  if (!first) return null;
  const { lang, scope } = subscription;
  const m = messagesFor(lang);
  const absolute = (path: string) => `${publicUrl}${localHref(path, lang)}`;
  let title: string;
  let body: string;
  let url: string;
  if (matching.length === 1) {
    title = m.push.oneTitle(first.slot_count, first.centre_name);
    const where = first.commune.name ? `${first.commune.name}. ` : '';
    const next = first.next_slot ? `${m.push.next(slotDateLabel(first.next_slot, first.time_zone, m))} ` : '';
    body = `${where}${next}${m.push.confirm}`;
    url = absolute(new URL(first.centre_url).pathname);
  } else {
    title = m.push.manyTitle(scopeWhere(scope, lang));
    body = `${m.push.manyBody(matching.length, first.centre_name)} ${m.push.confirm}`;
    url = absolute(scopeResultsPath(scope));
  }
  return {
    title,
    body,
    url,
    tag: 'creneau-alert',
    actions: [
      { action: 'open', title: m.push.open },
      { action: 'unsubscribe', title: m.push.unsubscribe },
    ],
  };
}
