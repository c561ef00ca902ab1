import { publicAvailability } from '../availability/public-availability.ts';
import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import type { SearchSources } from '../search/sources.ts';
import { departementParam } from '../shared/departement-param.ts';
import type { ResponseCaching } from '../shared/http.ts';
import { type PreparedResponse, preparedResponse } from '../shared/http.ts';
import { toZonedIso } from '../shared/time.ts';
import { originOf } from './links.ts';
import { type CentreContext, smartLocation, smartSchedule, smartSlots } from './smart-resources.ts';

type PublicationSources = Pick<SearchSources, 'gazetteer' | 'centres' | 'availability' | 'now'> &
  ResponseCaching;

/**
 * Créneau as a SMART Scheduling Links publisher: `GET /smart/$bulk-publish` lists, per département,
 * one Location, one Schedule and one Slot NDJSON file (`/smart/{locations|schedules|slots}-{code}.ndjson`),
 * each tagged with the département code as its `state` hint. Bytes are prepared once per data version.
 */

export const SMART_FILE_KINDS = {
  Location: 'locations',
  Schedule: 'schedules',
  Slot: 'slots',
} as const;
export type SmartFileType = keyof typeof SMART_FILE_KINDS;

const FHIR_NDJSON = 'application/fhir+ndjson';
const MANIFEST_JSON = 'application/json; charset=utf-8';

/**
 * The spec reads `max-age` as "poll again in": the poller's interval, never under the minute the
 * spec lets clients wait between two fetches of a file.
 */
export function smartCacheControl(pollIntervalS: number): string {
  const maxAge = Math.max(60, Math.round(pollIntervalS));
  return `public, max-age=${maxAge}, stale-if-error=${maxAge * 10}`;
}

function smartPath(origin: string, type: SmartFileType, code: string): string {
  return `${origin}/smart/${SMART_FILE_KINDS[type]}-${code}.ndjson`;
}

export function smartManifestBody(app: Pick<SearchSources, 'gazetteer' | 'centres' | 'now'>, origin: string) {
  const output = app.gazetteer
    .departements()
    .filter(({ code }) => app.centres.inDepartement(code).length > 0)
    .flatMap(({ code }) =>
      (Object.keys(SMART_FILE_KINDS) as SmartFileType[]).map((type) => ({
        type,
        url: smartPath(origin, type, code),
        extension: { state: [code] },
      })),
    );
  return {
    transactionTime: toZonedIso(app.now().getTime(), DEFAULT_TIME_ZONE),
    request: `${origin}/smart/$bulk-publish`,
    output,
    error: [],
  };
}

/** The resources of one file, in the registry's order. */
export function smartResources(
  app: Pick<SearchSources, 'gazetteer' | 'centres' | 'availability' | 'now'>,
  type: SmartFileType,
  code: string,
  origin: string,
): unknown[] {
  const now = app.now();
  const contexts: CentreContext[] = app.centres.inDepartement(code).map((centre) => ({
    centre,
    availability: publicAvailability(app.availability.state(centre.id), now),
    origin,
  }));
  if (type === 'Location') return contexts.map((context) => smartLocation(context, app.gazetteer));
  if (type === 'Schedule') return contexts.map(smartSchedule);
  return contexts.flatMap((context) => smartSlots(context, now.getTime()));
}

const ndjson = (resources: unknown[]): string => resources.map((r) => `${JSON.stringify(r)}\n`).join('');

function respond(
  app: Pick<ResponseCaching, 'pollIntervalS'>,
  request: Request,
  prepared: PreparedResponse,
  contentType: string,
) {
  return preparedResponse(request, prepared, smartCacheControl(app.pollIntervalS), contentType);
}

/** `GET /smart/$bulk-publish` */
export function smartManifest(app: PublicationSources, request: Request): Response {
  const origin = originOf(request);
  const prepared = app.responses.get(`smart/manifest|${origin}`, app.availability.version, () =>
    smartManifestBody(app, origin),
  );
  return respond(app, request, prepared, MANIFEST_JSON);
}

/** `GET /smart/{locations|schedules|slots}-{code}.ndjson` */
export function smartFile(
  app: PublicationSources,
  request: Request,
  type: SmartFileType,
  rawCode: string | undefined,
): Response {
  const departement = departementParam(app.gazetteer, rawCode);
  const origin = originOf(request);
  const prepared = app.responses.get(
    `smart/${type}/${departement.code}|${origin}`,
    app.availability.version,
    () => smartResources(app, type, departement.code, origin),
    ndjson,
  );
  return respond(app, request, prepared, FHIR_NDJSON);
}
