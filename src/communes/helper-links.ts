import type { Messages } from '../i18n/locale.ts';
import type { Gazetteer } from '../places/types.ts';

/** One place found by the town halls' search (/mairies/lieu?q=), with every output it has. */
export interface HelperPlace {
  label: string;
  kind: 'commune' | 'departement';
  /** Relative paths, the page adds the language. */
  links: Array<{ path: string; label: string; id: string }>;
}

export function communeLinks(insee: string, h: Messages['helpers']): HelperPlace['links'] {
  const code = encodeURIComponent(insee);
  return [
    { path: `/communes/${code}`, label: h.linkSheet, id: 'sheet' },
    { path: `/embed/communes/${code}`, label: h.linkWidget, id: 'widget' },
    { path: `/communes/${code}.csv`, label: h.linkCsv, id: 'csv' },
    { path: `/alertes/communes/${code}?rayon=20`, label: h.linkAlerts, id: 'alerts' },
    { path: `/tableau/communes/${code}`, label: h.linkBoard, id: 'board' },
    { path: `/recherche?commune=${code}&rayon=20`, label: h.linkResults, id: 'results' },
  ];
}

export function departementLinks(code: string, h: Messages['helpers']): HelperPlace['links'] {
  const value = encodeURIComponent(code);
  return [
    { path: `/recherche?departement=${value}`, label: h.linkResults, id: 'results' },
    { path: `/embed/departements/${value}`, label: h.linkWidget, id: 'widget' },
    { path: `/tableau/departements/${value}`, label: h.linkBoard, id: 'board' },
    { path: `/alertes/departements/${value}`, label: h.linkAlerts, id: 'alerts' },
    { path: `/api/v1/vmd/${value}.json`, label: h.linkOpenData, id: 'open-data' },
  ];
}

/**
 * The places a town hall's search names, best first: a commune, each commune of a postcode, a
 * département (with its own outputs). At most `limit` places.
 */
export function helperPlaces(
  gazetteer: Pick<Gazetteer, 'suggest' | 'communesByPostcode' | 'departement'>,
  query: string,
  h: Messages['helpers'],
  limit = 8,
): HelperPlace[] {
  const places: HelperPlace[] = [];
  const seen = new Set<string>();
  const addCommune = (insee: string, label: string) => {
    if (seen.has(`c${insee}`)) return;
    seen.add(`c${insee}`);
    places.push({ label, kind: 'commune', links: communeLinks(insee, h) });
  };
  for (const suggestion of gazetteer.suggest(query, limit)) {
    if (suggestion.kind === 'departement') {
      const departement = gazetteer.departement(suggestion.departement);
      if (!departement || seen.has(`d${departement.code}`)) continue;
      seen.add(`d${departement.code}`);
      places.push({
        label: h.departementLabel(departement.name, departement.code),
        kind: 'departement',
        links: departementLinks(departement.code, h),
      });
    } else if (suggestion.kind === 'postcode') {
      for (const commune of gazetteer.communesByPostcode(suggestion.postcodes[0] ?? ''))
        addCommune(commune.insee, `${commune.name} (${suggestion.postcodes[0]})`);
    } else if (suggestion.insee) addCommune(suggestion.insee, suggestion.label);
  }
  return places.slice(0, limit);
}
