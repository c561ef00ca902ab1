import { PLATFORM_LABELS } from '../format/format.ts';
import { BookingPlatform } from '../registry/centre.ts';
import { localDate, toZonedIso } from '../shared/time.ts';
import type { StatsPoint } from './figures.ts';
import type { StatsScope } from './scope.ts';

const BOM = '\uFEFF';
const PLATFORMS = BookingPlatform.options;

function cell(value: string | number): string {
  const text = String(value);
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The series as French spreadsheets open it without an import dialog: UTF-8 with a BOM (so accents
 * survive), `;` between fields, CRLF line ends, one row per sample with its local time and offset.
 */
export function statsCsv(scope: StatsScope, points: readonly StatsPoint[]): string {
  const header = [
    'date',
    'périmètre',
    'centres',
    'centres avec créneaux',
    'créneaux',
    'centres à l’état inconnu',
    'centres aux données anciennes',
    ...PLATFORMS.flatMap((platform) => [
      `centres ${PLATFORM_LABELS[platform]}`,
      `créneaux ${PLATFORM_LABELS[platform]}`,
    ]),
  ];
  const rows = points.map((point) => [
    toZonedIso(Date.parse(point.at), scope.timeZone),
    scope.label,
    point.centres,
    point.centres_with_slots,
    point.slots,
    point.centres_unknown,
    point.centres_stale,
    ...PLATFORMS.flatMap((platform) => [
      point.platforms[platform]?.centres ?? 0,
      point.platforms[platform]?.slots ?? 0,
    ]),
  ]);
  return BOM + [header, ...rows].map((row) => `${row.map(cell).join(';')}\r\n`).join('');
}

export function statsCsvFileName(scope: StatsScope, now: Date): string {
  const day = localDate(now.getTime(), scope.timeZone);
  return `creneau-statistiques-${scope.kind === 'france' ? 'france' : scope.code}-${day}.csv`;
}
