import { DAY_MS, dateTimeFormat, localDate } from '../shared/time.ts';

/** One day of the centre page's availability chart. */
export interface DayBar {
  /** YYYY-MM-DD in the centre's zone. */
  date: string;
  label: string;
  count: number;
  /** Bar height as a share of the busiest day, 0–100. */
  percent: number;
}

/**
 * Every day from today over the provider's horizon, with or without slots: a day without slots is
 * shown as such rather than left out, so the chart and its table say the same thing.
 */
export function dayBars(
  perDay: Readonly<Record<string, number>>,
  horizonDays: number | null,
  now: Date,
  timeZone: string,
  intl: string,
): DayBar[] {
  const today = localDate(now.getTime(), timeZone);
  const known = Object.keys(perDay).filter((day) => day >= today);
  const lastKnown = known.sort().at(-1);
  const spanFromKnown = lastKnown ? Math.round((Date.parse(lastKnown) - Date.parse(today)) / DAY_MS) + 1 : 0;
  const days = Math.min(60, Math.max(horizonDays ?? 0, spanFromKnown));
  const format = dateTimeFormat(intl, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const bars: DayBar[] = [];
  for (let i = 0; i < days; i++) {
    const day = new Date(Date.parse(`${today}T00:00:00Z`) + i * DAY_MS);
    const date = day.toISOString().slice(0, 10);
    bars.push({ date, label: format.format(day), count: perDay[date] ?? 0, percent: 0 });
  }
  const busiest = Math.max(0, ...bars.map((bar) => bar.count));
  for (const bar of bars)
    bar.percent = bar.count > 0 ? Math.max(4, Math.round((bar.count / busiest) * 100)) : 0;
  return bars;
}
