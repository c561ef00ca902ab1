import { fr, type Messages } from '../i18n/fr.ts';

/**
 * A line chart as plain geometry (numbers and labels) for the page to draw as inline SVG: no chart
 * library, no client script, and no markup built from strings.
 */
export interface ChartInput {
  /** What is plotted, for the title and the text alternative ("Créneaux"…). */
  title: string;
  points: ReadonlyArray<{ at: number; value: number }>;
  /** Labels an instant on the x axis. */
  formatTime(at: number): string;
  formatValue(value: number): string;
  /** The drawing's width in its own units (640 by default; a phone's chart is drawn narrower, so its 12-unit labels stay 12 px). */
  width?: number | undefined;
  /** The text alternative's words (French by default). */
  words?: Pick<Messages['stats'], 'chartEmpty' | 'chartSummary'>;
}

export interface ChartSegment {
  /** `x,y x,y …` for a `<polyline>`; a lone point is drawn as a dot. */
  points: string;
  dot: { x: number; y: number } | null;
}

export interface ChartGeometry {
  title: string;
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  segments: ChartSegment[];
  yTicks: Array<{ y: number; label: string }>;
  xTicks: Array<{ x: number; label: string; anchor: 'start' | 'middle' | 'end' }>;
  /** The text alternative: what the chart shows, in words. */
  summary: string;
}

const DEFAULT_WIDTH = 640;
const HEIGHT = 220;

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1), so axis labels are round. */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Lines are broken where samples are missing (the sampler was down): a straight line across a gap
 * would invent values nobody measured.
 */
function splitAtGaps<T extends { at: number }>(points: readonly T[]): T[][] {
  if (points.length < 3) return points.length === 0 ? [] : [[...points]];
  const gaps = points.slice(1).map((point, index) => point.at - (points[index]?.at ?? point.at));
  const tolerated = median(gaps) * 2.5;
  const segments: T[][] = [[]];
  points.forEach((point, index) => {
    const previous = points[index - 1];
    if (previous && point.at - previous.at > tolerated) segments.push([]);
    segments[segments.length - 1]?.push(point);
  });
  return segments;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function lineChart(input: ChartInput): ChartGeometry {
  const { points } = input;
  const WIDTH = input.width ?? DEFAULT_WIDTH;
  const PLOT = { left: 64, right: WIDTH - 16, top: 12, bottom: HEIGHT - 28 };
  const words = input.words ?? fr.stats;
  const first = points[0];
  const last = points[points.length - 1];
  const top = niceCeiling(Math.max(0, ...points.map((p) => p.value)));
  const start = first?.at ?? 0;
  const span = (last?.at ?? 0) - start;
  const x = (at: number) =>
    round(
      span === 0
        ? (PLOT.left + PLOT.right) / 2
        : PLOT.left + ((at - start) / span) * (PLOT.right - PLOT.left),
    );
  const y = (value: number) => round(PLOT.bottom - (value / top) * (PLOT.bottom - PLOT.top));

  const segments = splitAtGaps(points).map((segment) => {
    const only = segment.length === 1 ? segment[0] : undefined;
    return {
      points: segment.map((p) => `${x(p.at)},${y(p.value)}`).join(' '),
      dot: only ? { x: x(only.at), y: y(only.value) } : null,
    };
  });
  const yTicks = [0, top / 2, top].map((value) => ({ y: y(value), label: input.formatValue(value) }));
  const xTicks: ChartGeometry['xTicks'] = [];
  if (first && last) {
    xTicks.push({
      x: x(first.at),
      label: input.formatTime(first.at),
      anchor: span === 0 ? 'middle' : 'start',
    });
    if (span > 0) xTicks.push({ x: x(last.at), label: input.formatTime(last.at), anchor: 'end' });
  }

  let summary = words.chartEmpty(input.title);
  if (first && last) {
    const values = points.map((p) => p.value);
    summary = words.chartSummary(
      input.title,
      points.length,
      input.formatTime(first.at),
      input.formatTime(last.at),
      input.formatValue(Math.min(...values)),
      input.formatValue(Math.max(...values)),
      input.formatValue(last.value),
    );
  }
  return { title: input.title, width: WIDTH, height: HEIGHT, plot: PLOT, segments, yTicks, xTicks, summary };
}
