import { spreadsheetDateTime } from '../communes/centres-csv.ts';
import type { Messages } from '../i18n/fr.ts';
import { csvDocument } from '../shared/csv.ts';
import type { BoardRow } from './board-rows.ts';

// fr-FR spreadsheets read "2,3" as a number: a decimal comma, no grouping (as centres-csv.ts).
const kmFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, useGrouping: false });

/**
 * The board as a spreadsheet, through the site's one formula-safe CSV writer (src/shared/csv.ts):
 * the same rows and order as the page, one column per day. An unknown count is an empty cell,
 * never 0, and the "état" column says why in words.
 */
export function boardCsv(
  rows: readonly BoardRow[],
  days: readonly string[],
  t: Messages,
  timeZone: string,
): string {
  const h = t.board.csvHeader;
  const header = [
    h.centre,
    h.commune,
    h.distance,
    h.phone,
    h.platform,
    h.state,
    ...days,
    h.creneaux,
    h.prochain,
    h.checked,
  ];
  return csvDocument(
    header,
    rows.map((row) => [
      row.name,
      row.commune,
      row.distanceKm === null ? null : kmFormat.format(row.distanceKm),
      row.phone?.label ?? null,
      t.platforms[row.platform],
      t.board.states[row.state],
      ...row.days,
      row.total,
      spreadsheetDateTime(row.nextSlot, timeZone),
      row.ageS,
    ]),
  );
}
