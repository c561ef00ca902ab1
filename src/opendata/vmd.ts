import { publicAvailability } from '../availability/public-availability.ts';
import { DEFAULT_PUBLIC_URL, publicOrigin } from '../config/alert-settings.ts';
import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import type { Centre } from '../registry/centre.ts';
import type { SearchSources } from '../search/sources.ts';
import { departementParam } from '../shared/departement-param.ts';
import type { ResponseCaching } from '../shared/http.ts';
import { preparedJson, sharedCacheControl } from '../shared/http.ts';
import { toZonedIso } from '../shared/time.ts';
import { vmdCentre } from './vmd-centre.ts';
import {
  hasAvailableAppointments,
  type VmdCentre,
  type VmdDepartementFile,
  type VmdInfoCentres,
} from './vmd-schema.ts';

type VmdSources = Pick<SearchSources, 'gazetteer' | 'centres' | 'availability' | 'now'> & ResponseCaching;

/** ViteMaDose sorted available centres by their next appointment, soonest first. */
function bySoonest(a: VmdCentre, b: VmdCentre): number {
  return Date.parse(a.prochain_rdv ?? '') - Date.parse(b.prochain_rdv ?? '');
}

/** One département's file, from what the poller last stored: never from a provider. */
export function vmdDepartementFile(
  app: Pick<SearchSources, 'availability' | 'now'>,
  code: string,
  centres: readonly Centre[],
  origin: string,
): VmdDepartementFile {
  const now = app.now();
  const disponibles: VmdCentre[] = [];
  const indisponibles: VmdCentre[] = [];
  for (const centre of centres) {
    const state = app.availability.state(centre.id);
    const availability = publicAvailability(state, now);
    const entry = vmdCentre({ centre, state, availability, origin, nowMs: now.getTime() }, code);
    // ViteMaDose's own split (`has_available_appointments`), on values the one rule already vetted.
    if (hasAvailableAppointments(entry)) disponibles.push(entry);
    else indisponibles.push(entry);
  }
  return {
    version: 1,
    last_updated: toZonedIso(now.getTime(), DEFAULT_TIME_ZONE),
    centres_disponibles: disponibles.sort(bySoonest),
    centres_indisponibles: indisponibles.sort((a, b) => a.nom.localeCompare(b.nom, 'fr')),
  };
}

/** Links in the files: the public origin (`CRENEAU_PUBLIC_URL`), never the request's `Host`. */
export function vmdOrigin(): string {
  return publicOrigin() ?? DEFAULT_PUBLIC_URL;
}

/** `GET /api/v1/vmd/{departement}.json` */
export function vmdDepartement(app: VmdSources, request: Request, rawCode: string | undefined): Response {
  const departement = departementParam(app.gazetteer, rawCode);
  const origin = vmdOrigin();
  const prepared = app.responses.get(`vmd/${departement.code}|${origin}`, app.availability.version, () =>
    vmdDepartementFile(app, departement.code, app.centres.inDepartement(departement.code), origin),
  );
  return preparedJson(request, prepared, sharedCacheControl(app.pollIntervalS));
}

/** Every département's file keyed by code; centres without a département are in none. */
export function vmdInfoCentresFile(
  app: Pick<SearchSources, 'gazetteer' | 'centres' | 'availability' | 'now'>,
  origin: string,
): VmdInfoCentres {
  const file: VmdInfoCentres = {};
  for (const { code } of app.gazetteer.departements()) {
    const centres = app.centres.inDepartement(code);
    if (centres.length > 0) file[code] = vmdDepartementFile(app, code, centres, origin);
  }
  return file;
}

/** `GET /api/v1/vmd/info_centres.json` */
export function vmdInfoCentres(app: VmdSources, request: Request): Response {
  const origin = vmdOrigin();
  const prepared = app.responses.get(`vmd/info_centres|${origin}`, app.availability.version, () =>
    vmdInfoCentresFile(app, origin),
  );
  return preparedJson(request, prepared, sharedCacheControl(app.pollIntervalS));
}
