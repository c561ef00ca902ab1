import { PLATFORM_LABELS } from '../format/format.ts';
import { BookingPlatform } from '../registry/centre.ts';
import { csvDocument } from '../shared/csv.ts';
import { localDate, toZonedIso } from '../shared/time.ts';
import type { StatsPoint } from './figures.ts';
import type { StatsScope } from './scope.ts';

const PLATFORMS = BookingPlatform.options;

/** The series as a spreadsheet (shared/csv.ts): one row per sample with its local time and offset. */
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
  return csvDocument(header, rows);
}

export function statsCsvFileName(scope: StatsScope, now: Date): string {
  const day = localDate(now.getTime(), scope.timeZone);
  return `creneau-statistiques-${scope.kind === 'france' ? 'france' : scope.code}-${day}.csv`;
}
