import { addDays } from '../adapters/dates.ts';
import type { PublicAvailability } from '../availability/public-availability.ts';
import type { PairsSettings } from './pairs-settings.ts';

/** Where the expected second-injection date comes from. */
export type SecondDoseSource = 'platform' | 'vaccine' | 'single_dose' | 'unknown';

export interface SecondInjection {
  source: SecondDoseSource;
  /** The vaccine the interval is of (the one asked for, else the one most slots are for), or null. */
  vaccine: string | null;
  /** Days after the first injection; null for a single dose or when nothing says. */
  days: number | null;
  /** The end of a recommended window (AstraZeneca: 9 to 12 weeks), else null. */
  maxDays: number | null;
  /** `YYYY-MM-DD`: the second injection to expect, and the window's end; null when not known. */
  date: string | null;
  latestDate: string | null;
}

/** The vaccine most of the centre's counted slots are for (ties: alphabetical), or null. */
export function mainVaccine(perVaccine: Record<string, number> | null): string | null {
  const entries = Object.entries(perVaccine ?? {}).filter(([, n]) => n > 0);
  entries.sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return entries[0]?.[0] ?? null;
}

function intervalFor(vaccine: string | null, settings: PairsSettings) {
  if (!vaccine) return undefined;
  const wanted = vaccine.toLowerCase();
  return Object.entries(settings.second_dose_intervals).find(([name]) => name.toLowerCase() === wanted)?.[1];
}

/**
 * The second injection to expect after a first one on `firstDate` (issue 15, point 4): the delay the
 * platform states (`second_dose_delay_days`: Maiia's `nextAppointmentDelayInDays`, Doctolib's
 * second step) when it says so, else the vaccine's documented interval (`pairs.second_dose_intervals`),
 * else unknown (the centre gives it when booking).
 */
export function secondInjection(
  availability: Pick<PublicAvailability, 'second_dose_delay_days' | 'per_vaccine'>,
  firstDate: string,
  settings: PairsSettings,
  vaccineAsked?: string | null,
): SecondInjection {
  const vaccine = vaccineAsked?.trim() || mainVaccine(availability.per_vaccine);
  const none = { vaccine, days: null, maxDays: null, date: null, latestDate: null };
  const stated = availability.second_dose_delay_days;
  if (stated !== null && stated > 0)
    return { ...none, source: 'platform', days: stated, date: addDays(firstDate, stated) };
  const interval = intervalFor(vaccine, settings);
  if (!interval) return { ...none, source: 'unknown' };
  if (interval.days === 0) return { ...none, source: 'single_dose' };
  const maxDays =
    interval.max_days !== undefined && interval.max_days > interval.days ? interval.max_days : null;
  return {
    ...none,
    source: 'vaccine',
    days: interval.days,
    maxDays,
    date: addDays(firstDate, interval.days),
    latestDate: maxDays === null ? null : addDays(firstDate, maxDays),
  };
}
