import type { PublicAvailability } from '../availability/public-availability.ts';
import type { Locale, Messages } from '../i18n/locale.ts';
import { localHref } from '../i18n/locale.ts';
import { dateTimeFormat } from '../shared/time.ts';
import { firstPairSlot, type PairSlot } from './pair-slots.ts';
import type { PairsSettings } from './pairs-settings.ts';
import { type SecondInjection, secondInjection } from './second-dose.ts';

/** `YYYY-MM-DD` as people read it ("mardi 13 avril 2021"), a calendar day with no zone involved. */
export function dayLabel(date: string, intl: string, withYear = false): string {
  return dateTimeFormat(intl, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** The sentence for the second injection to expect. */
export function secondInjectionText(second: SecondInjection, t: Messages, withYear = false): string {
  const label = (date: string) => dayLabel(date, t.intl, withYear);
  switch (second.source) {
    case 'platform':
      return t.pairs.second.platform(label(second.date ?? ''), second.days ?? 0);
    case 'vaccine':
      return second.latestDate
        ? t.pairs.second.window(label(second.date ?? ''), label(second.latestDate), second.vaccine ?? '')
        : t.pairs.second.vaccine(label(second.date ?? ''), second.days ?? 0, second.vaccine ?? '');
    case 'single_dose':
      return t.pairs.second.single;
    case 'unknown':
      return t.pairs.second.unknown;
  }
}

/** The appointment card's path for a centre, a first date and one or two people. */
export function appointmentCardHref(
  centreId: string,
  options: { date?: string | null; two?: boolean; vaccine?: string | null },
  locale: Locale,
): string {
  const params = new URLSearchParams({ centre: centreId });
  if (options.date) params.set('date', options.date);
  if (options.two) params.set('deux', '1');
  if (options.vaccine) params.set('vaccin', options.vaccine);
  return localHref(`/rendez-vous/carte?${params}`, locale);
}

export interface ForTwoView {
  pair: PairSlot;
  /** "Pour deux personnes : mardi 13 avril, le matin (3 créneaux)". */
  dayText: string;
  second: SecondInjection;
  secondText: string;
  cardHref: string;
}

/**
 * What a results card or a helper's sheet says for two people: the earliest day and half-day with two
 * slots, the second injection to expect after it, and the link to the printable card. Null when the
 * centre has no such half-day now (the "pour deux" filter keeps only those that do).
 */
export function forTwoView(
  centreId: string,
  availability: PublicAvailability,
  settings: PairsSettings,
  t: Messages,
  locale: Locale,
  vaccine?: string | null,
): ForTwoView | null {
  const pair = firstPairSlot(availability);
  if (!pair) return null;
  const second = secondInjection(availability, pair.date, settings, vaccine);
  return {
    pair,
    dayText: t.pairs.pairDay(dayLabel(pair.date, t.intl), t.pairs.periods[pair.period], pair.slots),
    second,
    secondText: secondInjectionText(second, t),
    cardHref: appointmentCardHref(centreId, { date: pair.date, two: true, vaccine: vaccine ?? null }, locale),
  };
}
