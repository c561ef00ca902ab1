import { embedPath } from '../communes/embed.ts';
import type { Messages } from '../i18n/locale.ts';
import type { Gazetteer } from '../places/types.ts';
import type { CentreSearch } from '../search/find-centres.ts';
import { inseeCode, numberParam, optional, RADIUS_KM } from '../search/params.ts';
import { findDepartement } from '../shared/departement-param.ts';
import { alertFeedUrl } from './alert-feeds.ts';

/**
 * The "Être prévenu" pages: `/alertes/communes/{insee}?rayon=N` and `/alertes/departements/{code}`,
 * the HTML beside each Atom feed (`…/{insee}.atom?rayon=N`, `…/{code}.atom`, paths unchanged).
 */
export type AlertPlace =
  | { kind: 'commune'; insee: string; radiusKm: number }
  | { kind: 'departement'; code: string };

export function alertPagePath(place: AlertPlace): string {
  return place.kind === 'commune'
    ? `/alertes/communes/${encodeURIComponent(place.insee)}?rayon=${place.radiusKm}`
    : `/alertes/departements/${encodeURIComponent(place.code)}`;
}

type Places = Pick<Gazetteer, 'commune' | 'communesByPostcode' | 'nearestCommune' | 'departement'>;

/**
 * The alert page for a search: a commune's or a département's own; for a postcode, its most
 * populated commune's, for a point the nearest commune's, with the same radius. Null when the place
 * is unknown.
 */
export function alertPlaceFor(gazetteer: Places, search: CentreSearch): AlertPlace | null {
  switch (search.by) {
    case 'commune':
      return { kind: 'commune', insee: search.insee, radiusKm: search.radiusKm };
    case 'departement':
      return { kind: 'departement', code: search.code };
    case 'postcode': {
      const [largest] = [...gazetteer.communesByPostcode(search.postcode)].sort(
        (a, b) => b.population - a.population,
      );
      return largest ? { kind: 'commune', insee: largest.insee, radiusKm: search.radiusKm } : null;
    }
    case 'point': {
      const nearest = gazetteer.nearestCommune(search);
      return nearest ? { kind: 'commune', insee: nearest.insee, radiusKm: search.radiusKm } : null;
    }
  }
}

export interface AlertPageModel {
  status: 200;
  title: string;
  /** "à moins de 20 km de Rennes": what an alert covers. */
  where: string;
  place: AlertPlace;
  /** Relative paths, the page adds the language; the feed's is also shown absolute. */
  feedPath: string;
  widgetPath: string;
  sheetPath: string | null;
  resultsPath: string;
  /** What the push island sends as `place` (push/subscription.ts, SubscribeRequest). */
  pushPlace: { commune: string; rayon: number } | { departement: string };
  /** For the radius form (commune pages). */
  radiusKm: number | null;
}

const radiusParam = optional(numberParam(RADIUS_KM.min, RADIUS_KM.max));

/** The page for a commune (`rayon` forgiving: a bad value shows the default) or a département; 404 when unknown. */
export function alertPageModel(
  gazetteer: Places,
  route: { kind: 'commune' | 'departement'; raw: string | undefined },
  params: URLSearchParams,
  t: Messages,
): AlertPageModel | { status: 404 } {
  if (route.kind === 'commune') {
    const insee = inseeCode.safeParse(route.raw ?? '');
    const commune = insee.success ? gazetteer.commune(insee.data) : undefined;
    if (!commune) return { status: 404 };
    const parsedRadius = radiusParam.safeParse(params.get('rayon') ?? '');
    const radiusKm = (parsedRadius.success ? parsedRadius.data : undefined) ?? RADIUS_KM.default;
    const search: CentreSearch = { by: 'commune', insee: commune.insee, radiusKm };
    return {
      status: 200,
      title: t.alertPage.titleCommune(commune.name, radiusKm),
      where: t.alertPage.whereCommune(commune.name, radiusKm),
      place: { kind: 'commune', insee: commune.insee, radiusKm },
      feedPath: alertFeedUrl(search) ?? '',
      widgetPath: embedPath({ kind: 'commune', insee: commune.insee }),
      sheetPath: `/communes/${encodeURIComponent(commune.insee)}`,
      resultsPath: `/recherche?commune=${encodeURIComponent(commune.insee)}&rayon=${radiusKm}`,
      pushPlace: { commune: commune.insee, rayon: radiusKm },
      radiusKm,
    };
  }
  const departement = findDepartement(gazetteer, route.raw);
  if (!departement) return { status: 404 };
  const label = `${departement.name} (${departement.code})`;
  const search: CentreSearch = { by: 'departement', code: departement.code };
  return {
    status: 200,
    title: t.alertPage.titleDepartement(label),
    where: t.alertPage.whereDepartement(label),
    place: { kind: 'departement', code: departement.code },
    feedPath: alertFeedUrl(search) ?? '',
    widgetPath: embedPath({ kind: 'departement', code: departement.code }),
    sheetPath: null,
    resultsPath: `/recherche?departement=${encodeURIComponent(departement.code)}`,
    pushPlace: { departement: departement.code },
    radiusKm: null,
  };
}
