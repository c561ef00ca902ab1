import { fr, type Messages } from '../i18n/fr.ts';
import { rankHits } from '../search/availability-filters.ts';
import { findCentres } from '../search/find-centres.ts';
import type { SearchSources } from '../search/sources.ts';
import { findDepartement } from '../shared/departement-param.ts';
import { communeSheet, type SheetEntry, sheetEntry } from './commune-sheet.ts';
import type { EmbedTarget } from './embed.ts';

/** A widget is a short list in someone else's page: the full list is one click away. */
export const EMBED_CENTRES = 10;

export interface EmbedList {
  title: string;
  summary: string;
  /** Créneau's full page for the same place (opened in a new tab). */
  morePath: string;
  entries: SheetEntry[];
  more: number;
  /** Distances from an estimated position: said approximately. */
  approximate: boolean;
}

type EmbedApp = Pick<SearchSources, 'gazetteer' | 'centres' | 'availability'>;

/** The widget's content, or null when the place does not exist. */
export function embedList(app: EmbedApp, target: EmbedTarget, now: Date, t: Messages = fr): EmbedList | null {
  return target.kind === 'commune'
    ? communeList(app, target.insee, now, t)
    : departementList(app, target.code, now, t);
}

function communeList(app: EmbedApp, insee: string, now: Date, t: Messages): EmbedList | null {
  const sheet = communeSheet(app, insee, { now, listed: EMBED_CENTRES, t });
  if (!sheet) return null;
  const total = sheet.entries.length + sheet.notListed;
  return {
    title: t.embed.communeTitle(sheet.commune.name),
    summary: t.embed.communeSummary(total, sheet.radiusKm),
    morePath: `/communes/${sheet.commune.insee}`,
    entries: sheet.entries,
    more: sheet.notListed,
    approximate: sheet.approximate,
  };
}

/**
 * A whole département, ordered by commune then name: a resident scans for their town, and the
 * distance from the prefecture means nothing to them.
 */
function departementList(app: EmbedApp, rawCode: string, now: Date, t: Messages): EmbedList | null {
  const departement = findDepartement(app.gazetteer, rawCode);
  if (!departement) return null;
  const hits = rankHits(
    findCentres(app, { by: 'departement', code: departement.code }).hits,
    app.availability,
    now,
  )
    .filter((hit) => hit.centre.health_professionals_only !== true)
    .sort(
      (a, b) =>
        (a.centre.commune.name ?? '').localeCompare(b.centre.commune.name ?? '', 'fr') ||
        a.centre.name.localeCompare(b.centre.name, 'fr'),
    );
  return {
    title: t.embed.departementTitle(departement.name, departement.code),
    summary: t.embed.departementSummary(hits.length),
    morePath: `/recherche?departement=${departement.code}`,
    // A département has tens of centres: the widget lists them all, distances make no sense here.
    entries: hits.map((hit) => ({ ...sheetEntry(app, departement.code, hit, t), distanceKm: null })),
    more: 0,
    approximate: false,
  };
}
