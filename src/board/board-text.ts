import { honestDistance } from '../format/format.ts';
import type { Messages } from '../i18n/fr.ts';
import { dateTimeFormat, dateTimeParts } from '../shared/time.ts';
import type { BoardState } from './board-availability.ts';
import type { BoardRow } from './board-rows.ts';
import type { SortKeys } from './board-sort.ts';

/**
 * A row as the board shows it, in one language: what the server renders and what the island's
 * refresh writes back into the same cells (built with `textContent`, never HTML), so both say the
 * same words.
 */
export interface BoardRowText {
  id: string;
  state: BoardState;
  stateLabel: string;
  name: string;
  commune: string;
  distance: string;
  phone: { label: string; href: string } | null;
  noPhone: string;
  platform: string;
  /** One per day: the count, or "?" when not known. */
  days: string[];
  /** Per day, true when the count is not known (shown "?", styled apart). */
  unknownDays: boolean[];
  total: string;
  next: string;
  freshness: string;
  keys: SortKeys;
}

/** "jeu. 3, 10 h 10", in the place's zone: short enough for a cell. */
function nextSlotLabel(iso: string, timeZone: string, t: Messages): string {
  return t.board.nextSlot(
    dateTimeParts(new Date(iso), t.intl, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
  );
}

/** A dense cell: "446 m"; from an estimated position "< 5 km" or "≈ 12 km", never an exact figure. */
function distanceCell(km: number | null, approximate: boolean, t: Messages): string {
  if (km === null) return '';
  const { kind, figure } = honestDistance(km, approximate, t.intl);
  return kind === 'exact' ? figure : `${kind === 'under' ? '<' : '≈'} ${figure}`;
}

export function boardRowText(
  row: BoardRow,
  t: Messages,
  timeZone: string,
  approximate = false,
): BoardRowText {
  const words = t.board;
  const count = new Intl.NumberFormat(t.intl);
  const unknown = row.state === 'unknown' || row.state === 'phone';
  const ago = row.ageS === null ? null : t.availability.ago(row.ageS);
  return {
    id: row.id,
    state: row.state,
    stateLabel: words.states[row.state],
    name: row.name,
    commune: row.commune ?? '',
    distance: distanceCell(row.distanceKm, approximate, t),
    phone: row.phone,
    noPhone: words.noPhone,
    platform: row.phoneOnly && row.platform === 'none' ? words.phoneOnlyCell : t.platforms[row.platform],
    days: row.days.map((day) => (day === null ? words.unknownCell : count.format(day))),
    unknownDays: row.days.map((day) => day === null),
    total:
      row.state === 'phone'
        ? words.phoneOnlyCell
        : row.total === null
          ? words.unknownCell
          : count.format(row.total),
    next: row.nextSlot
      ? nextSlotLabel(row.nextSlot, timeZone, t)
      : unknown
        ? words.unknownCell
        : words.noNext,
    freshness: ago === null ? words.notChecked : row.stale ? words.stale(ago) : ago,
    keys: row.keys,
  };
}

/** A day column's heading, on two lines: "mer." over "2" (dates are YYYY-MM-DD in the place's zone). */
export function dayHeading(date: string, t: Messages): { weekday: string; day: string; long: string } {
  const day = new Date(`${date}T12:00:00Z`);
  const format = (options: Intl.DateTimeFormatOptions) =>
    dateTimeFormat(t.intl, { ...options, timeZone: 'UTC' }).format(day);
  return {
    weekday: format({ weekday: 'short' }),
    day: format({ day: 'numeric' }),
    long: format({ weekday: 'long', day: 'numeric', month: 'long' }),
  };
}
