import { z } from 'zod';
import { parseQuery } from '../api/query.ts';
import { DEFAULT_PUBLIC_URL, publicOrigin } from '../config/alert-settings.ts';
import { slotDateLabel } from '../format/availability-text.ts';
import { type CentreSearch, findCentres } from '../search/find-centres.ts';
import { inseeCode, numberParam, optional, RADIUS_KM } from '../search/params.ts';
import type { SearchSources } from '../search/sources.ts';
import { departementParam } from '../shared/departement-param.ts';
import type { ResponseCaching } from '../shared/http.ts';
import { ApiError, preparedResponse, sharedCacheControl } from '../shared/http.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertStore } from './alert-store.ts';
import { type AtomEntry, renderAtom } from './atom.ts';

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';
/** Feed readers show the latest few; older events stay in the store for the webhooks' sake. */
export const FEED_ENTRIES = 50;

type FeedApp = Pick<SearchSources, 'gazetteer' | 'centres' | 'registry'> &
  ResponseCaching & {
    /** Slot alerts as stored by the alert engine: what the feeds list. */
    alerts: AlertStore;
  };

/**
 * The Atom feed that announces slots for a search, or null where there is none (a postcode or a
 * point: subscribe to the commune's or the département's). Relative, like every link on the site.
 */
export function alertFeedUrl(search: CentreSearch): string | null {
  switch (search.by) {
    case 'commune':
      return `/alertes/communes/${search.insee}.atom?rayon=${search.radiusKm}`;
    case 'departement':
      return `/alertes/departements/${search.code}.atom`;
    default:
      return null;
  }
}

const FeedQuery = z.strictObject({ rayon: optional(numberParam(RADIUS_KM.min, RADIUS_KM.max)) });
const NoQuery = z.strictObject({});

function parsed<T>(schema: z.ZodType<T>, raw: string | undefined, name: string): T {
  const result = schema.safeParse(raw ?? '');
  if (!result.success) throw new ApiError(400, `${name}: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}

/** `GET /alertes/communes/{insee}.atom?rayon=20`: centres within `rayon` km of the commune. */
export async function communeAlertFeed(app: FeedApp, request: Request, rawInsee: string | undefined) {
  const insee = parsed(inseeCode, rawInsee, 'insee');
  const radiusKm = parseQuery(FeedQuery, new URL(request.url).searchParams).rayon ?? RADIUS_KM.default;
  const commune = app.gazetteer.commune(insee);
  if (!commune) throw new ApiError(404, `No commune has INSEE code ${insee}.`);
  const search: CentreSearch = { by: 'commune', insee: commune.insee, radiusKm };
  return feedResponse(app, request, search, {
    title: `Créneaux de vaccination à moins de ${radiusKm} km de ${commune.name}`,
    alternate: `/recherche?commune=${commune.insee}&rayon=${radiusKm}`,
  });
}

/** `GET /alertes/departements/{code}.atom`: every centre of the département. */
export async function departementAlertFeed(app: FeedApp, request: Request, rawCode: string | undefined) {
  const departement = departementParam(app.gazetteer, rawCode, 'code');
  parseQuery(NoQuery, new URL(request.url).searchParams);
  const search: CentreSearch = { by: 'departement', code: departement.code };
  return feedResponse(app, request, search, {
    title: `Créneaux de vaccination : ${departement.name} (${departement.code})`,
    alternate: `/recherche?departement=${departement.code}`,
  });
}

async function feedResponse(
  app: FeedApp,
  request: Request,
  search: CentreSearch,
  labels: { title: string; alternate: string },
): Promise<Response> {
  const events = await app.alerts.events();
  const self = alertFeedUrl(search) ?? '';
  // The stored events change only when the engine writes: that, not availability, versions the bytes.
  const prepared = app.responses.get(
    `alerts${self}`,
    app.alerts.version,
    () => {
      const origin = publicOrigin() ?? DEFAULT_PUBLIC_URL;
      const inSearch = new Set(findCentres(app, search).hits.map((hit) => hit.centre.id));
      const entries = events.filter((event) => inSearch.has(event.centre_id)).slice(0, FEED_ENTRIES);
      return renderAtom({
        id: `${origin}${self}`,
        title: labels.title,
        subtitle:
          'Annonce les centres où des créneaux viennent d’apparaître, à confirmer sur la plateforme de réservation. Un créneau n’est pas une dose.',
        // An empty feed still needs a date, the same on every instance so that ETags agree.
        updated: entries[0]?.detected_at ?? app.registry.imported_at,
        links: [
          { rel: 'self', href: `${origin}${self}`, type: 'application/atom+xml' },
          { rel: 'alternate', href: `${origin}${labels.alternate}`, type: 'text/html' },
        ],
        author: { name: 'Créneau', uri: origin },
        entries: entries.map(alertEntry),
      });
    },
    (xml) => xml,
  );
  return preparedResponse(request, prepared, sharedCacheControl(app.pollIntervalS), ATOM_CONTENT_TYPE);
}

const count = new Intl.NumberFormat('fr-FR');
/** Every announcement says it: a slot seen here may be gone by the time someone books. */
export const TO_CONFIRM = 'À confirmer sur la plateforme : le créneau peut être pris entre-temps.';

/** "12 créneaux à Centre du Liberté (Rennes)" and a summary with the next slot in the centre's zone. */
export function alertEntry(event: AlertEvent): AtomEntry {
  const slots = `${count.format(event.slot_count)} créneau${event.slot_count > 1 ? 'x' : ''}`;
  const where = event.commune.name ? ` (${event.commune.name})` : '';
  const next = event.next_slot ? ` Prochain : ${slotDateLabel(event.next_slot, event.time_zone)}.` : '';
  const booking = event.booking_link
    ? ' Réservez en ligne par le lien de cette annonce.'
    : ' Réservation par téléphone : voir la fiche du centre.';
  const centrePage = {
    rel: 'related',
    href: event.centre_url,
    type: 'text/html',
    title: 'Fiche du centre',
  } as const;
  return {
    id: `urn:uuid:${event.id}`,
    title: `${slots} à ${event.centre_name}${where}`,
    updated: event.detected_at,
    links: event.booking_link
      ? [{ rel: 'alternate', href: event.booking_link, title: 'Réserver' }, centrePage]
      : [{ ...centrePage, rel: 'alternate' }],
    summary: `${slots} de vaccination ${event.slot_count > 1 ? 'sont apparus' : 'est apparu'} à ${event.centre_name}${where}.${next}${booking} ${TO_CONFIRM}`,
  };
}
