import { fr, type Messages } from '../i18n/fr.ts';
import type { SearchSources } from '../search/sources.ts';
import { DAY_MS, dateTimeFormat } from '../shared/time.ts';
import { type ChartGeometry, lineChart } from './chart.ts';
import type { StatsPoint } from './figures.ts';
import { StatsPageQuery, type StatsPeriod, type StatsScope, scopeFor } from './scope.ts';
import { readSeries } from './series-store.ts';
import { type PlatformShare, platformShares } from './shares.ts';

const PERIODS: Record<StatsPeriod, { spanMs: number | null; bucket: 'sample' | 'hour' | 'day' }> = {
  '24h': { spanMs: DAY_MS, bucket: 'sample' },
  '7j': { spanMs: 7 * DAY_MS, bucket: 'hour' },
  '30j': { spanMs: 30 * DAY_MS, bucket: 'day' },
  tout: { spanMs: null, bucket: 'day' },
};

/** The period menu, in the page's language. */
export function periodChoices(t: Messages = fr): Array<{ value: StatsPeriod; label: string }> {
  return (Object.keys(PERIODS) as StatsPeriod[]).map((value) => ({ value, label: t.stats.periods[value] }));
}
export const PERIOD_CHOICES = periodChoices(fr);

/** A phone's chart is drawn this wide (in SVG units = CSS pixels at a 360 px column), the desktop's 640. */
export const NARROW_CHART_WIDTH = 340;

export interface StatsRow {
  at: string;
  label: string;
  centres: number;
  centres_with_slots: number;
  slots: number;
  centres_unknown: number;
  centres_stale: number;
}

export interface StatsPageModel {
  scope: StatsScope;
  period: StatsPeriod;
  periodLabel: string;
  /** Which samples the chart and table show, in words. */
  resolution: string;
  latest: (StatsPoint & { label: string }) | null;
  platforms: PlatformShare[];
  rows: StatsRow[];
  charts: { centresWithSlots: ChartGeometry; slots: ChartGeometry };
  /** The same charts drawn for a phone's width. */
  narrowCharts: { centresWithSlots: ChartGeometry; slots: ChartGeometry };
  csvHref: string;
  apiHref: string;
}

export type StatsPageOutcome =
  | { kind: 'ok'; model: StatsPageModel }
  | { kind: 'invalid'; status: 400 | 404; message: string };

/** Parts of a date in a zone, for grouping samples by the scope's own hours and days. */
function bucketKey(at: number, bucket: 'sample' | 'hour' | 'day', timeZone: string): string {
  if (bucket === 'sample') return String(at);
  return dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(bucket === 'hour' ? { hour: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(at);
}

/** The last sample of each hour or day (or every sample): each row is a real sample, with its time. */
export function periodRows(
  points: readonly StatsPoint[],
  period: StatsPeriod,
  now: Date,
  timeZone: string,
  t: Messages = fr,
): StatsRow[] {
  const { spanMs, bucket } = PERIODS[period];
  const since = spanMs === null ? Number.NEGATIVE_INFINITY : now.getTime() - spanMs;
  const lastOfBucket = new Map<string, StatsPoint>();
  for (const point of points) {
    const at = Date.parse(point.at);
    if (at < since) continue;
    lastOfBucket.set(bucketKey(at, bucket, timeZone), point);
  }
  const label = timeLabel(timeZone, t);
  return [...lastOfBucket.values()].map((point) => ({
    at: point.at,
    label: label(Date.parse(point.at)),
    centres: point.centres,
    centres_with_slots: point.centres_with_slots,
    slots: point.slots,
    centres_unknown: point.centres_unknown,
    centres_stale: point.centres_stale,
  }));
}

function timeLabel(timeZone: string, t: Messages): (at: number) => string {
  const format = dateTimeFormat(t.intl, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (at) => format.format(at);
}

function shortTimeLabel(timeZone: string, period: StatsPeriod, t: Messages): (at: number) => string {
  const format = dateTimeFormat(
    t.intl,
    period === '24h'
      ? { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
      : { timeZone, day: 'numeric', month: 'short', year: 'numeric' },
  );
  return (at) => format.format(at);
}

/** Everything `/statistiques` shows, from its query string and the scope's series file. */
export async function statsPageModel(
  app: Pick<SearchSources, 'gazetteer' | 'now'>,
  dataDir: string,
  params: URLSearchParams,
  t: Messages = fr,
): Promise<StatsPageOutcome> {
  const query = StatsPageQuery.safeParse(Object.fromEntries(params));
  if (!query.success) return { kind: 'invalid', status: 400, message: t.stats.badQuery };
  const { departement, periode } = query.data;
  let scope: StatsScope;
  try {
    scope = scopeFor(app, departement);
  } catch {
    return { kind: 'invalid', status: 404, message: t.stats.unknownDepartement(departement ?? '') };
  }
  const now = app.now();
  const points = await readSeries(dataDir, {
    departement: scope.kind === 'departement' ? scope.code : undefined,
  });
  const rows = periodRows(points, periode, now, scope.timeZone, t);
  const formatTime = shortTimeLabel(scope.timeZone, periode, t);
  const integer = new Intl.NumberFormat(t.intl, { maximumFractionDigits: 0 });
  const formatValue = (value: number) => integer.format(value);
  const chartOf = (title: string, pick: (row: StatsRow) => number, width?: number) =>
    lineChart({
      title: `${title} — ${scope.label}`,
      points: rows.map((row) => ({ at: Date.parse(row.at), value: pick(row) })),
      formatTime,
      formatValue,
      width,
      words: t.stats,
    });
  const last = points[points.length - 1];
  const scopeQuery = scope.kind === 'departement' ? `?departement=${scope.code}` : '';
  return {
    kind: 'ok',
    model: {
      scope,
      period: periode,
      periodLabel: t.stats.periods[periode],
      resolution: t.stats.resolutions[PERIODS[periode].bucket],
      latest: last ? { ...last, label: timeLabel(scope.timeZone, t)(Date.parse(last.at)) } : null,
      platforms: last ? platformShares(last) : [],
      rows,
      charts: {
        centresWithSlots: chartOf(t.stats.chartWithSlots, (row) => row.centres_with_slots),
        slots: chartOf(t.stats.chartSlots, (row) => row.slots),
      },
      narrowCharts: {
        centresWithSlots: chartOf(
          t.stats.chartWithSlots,
          (row) => row.centres_with_slots,
          NARROW_CHART_WIDTH,
        ),
        slots: chartOf(t.stats.chartSlots, (row) => row.slots, NARROW_CHART_WIDTH),
      },
      csvHref: `/statistiques.csv${scopeQuery}`,
      apiHref: `/api/v1/stats${scopeQuery}`,
    },
  };
}
