import { describe, expect, it } from 'vitest';
import type { AvailabilityView } from '../../../src/availability/availability-view.ts';
import { publicAvailability } from '../../../src/availability/public-availability.ts';
import { CreneauConfigFile } from '../../../src/config/creneau-config.ts';
import { en } from '../../../src/i18n/en.ts';
import { fr } from '../../../src/i18n/fr.ts';
import { appointmentCard, cardRequest } from '../../../src/pairs/appointment-card.ts';
import { appointmentCardHref, forTwoView } from '../../../src/pairs/for-two-view.ts';
import { firstPairSlot, pairSlots } from '../../../src/pairs/pair-slots.ts';
import { DEFAULT_PAIRS_SETTINGS, PairsSettings } from '../../../src/pairs/pairs-settings.ts';
import { secondInjection } from '../../../src/pairs/second-dose.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { rankHits } from '../../../src/search/availability-filters.ts';
import { availabilityFilters, filterParams, pageFilters } from '../../../src/search/page-filters.ts';
import { makeCentre } from '../../fixtures/world.ts';

const NOW = new Date('2021-04-12T08:00:00Z');

type Periods = Record<string, { morning: number; afternoon: number; evening: number }>;

function state(
  centreId: string,
  periods: Periods,
  extra: { delay?: number | null; vaccines?: Record<string, number>; checkedAt?: string } = {},
): CentreState {
  const perDay = Object.fromEntries(
    Object.entries(periods).map(([day, p]) => [day, p.morning + p.afternoon + p.evening]),
  );
  const count = Object.values(perDay).reduce((a, b) => a + b, 0);
  const at = extra.checkedAt ?? '2021-04-12T07:58:00Z';
  return {
    centre_id: centreId,
    provider: 'maiia',
    availability: {
      provider: 'maiia',
      status: count > 0 ? 'some' : 'none',
      next_slot: count > 0 ? `${Object.keys(perDay)[0]}T09:00:00+02:00` : null,
      slot_count: count,
      per_day: perDay,
      per_day_period: periods,
      per_dose: { first: count, second: 0, booster: 0, unknown: 0 },
      per_vaccine: extra.vaccines ?? {},
      booking_url: null,
      booking_phone: null,
      checked_at: at,
      horizon_days: 14,
      error: null,
      second_dose_delay_days: extra.delay ?? null,
    },
    checked_at: at,
    valid_at: at,
    changed_at: at,
    last_error: null,
    consecutive_failures: 0,
    held_back: null,
    next_due_at: '2021-04-12T08:00:00Z',
    expected_interval_s: 120,
  };
}

const spread: Periods = {
  // One slot in each half-day of the 13th: never two together.
  '2021-04-13': { morning: 1, afternoon: 1, evening: 1 },
  '2021-04-14': { morning: 0, afternoon: 3, evening: 0 },
};

describe('two slots on the same day and half-day', () => {
  it('finds the earliest (day, half-day) with two slots, not a day with one slot in each half', () => {
    const availability = publicAvailability(state('c', spread), NOW);
    expect(pairSlots(availability)).toEqual([{ date: '2021-04-14', period: 'afternoon', slots: 3 }]);
    expect(firstPairSlot(availability)).toEqual({ date: '2021-04-14', period: 'afternoon', slots: 3 });
  });

  it('never for slots not known now: an expired value, or a record without periods', () => {
    const expired = publicAvailability(state('c', spread, { checkedAt: '2021-04-12T05:00:00Z' }), NOW);
    expect(expired.available).toBe(false);
    expect(firstPairSlot(expired)).toBeNull();
    const old = state('c', spread);
    if (old.availability) delete old.availability.per_day_period;
    expect(firstPairSlot(publicAvailability(old, NOW))).toBeNull();
  });
});

describe('the second injection to expect', () => {
  const settings = DEFAULT_PAIRS_SETTINGS;
  it("takes the platform's delay first", () => {
    const second = secondInjection(
      { second_dose_delay_days: 42, per_vaccine: { Moderna: 3 } },
      '2021-04-14',
      settings,
    );
    expect(second).toMatchObject({ source: 'platform', days: 42, date: '2021-05-26' });
  });

  it("else the vaccine's documented interval, from the config (a window for AstraZeneca)", () => {
    expect(
      secondInjection({ second_dose_delay_days: null, per_vaccine: { Moderna: 3 } }, '2021-04-14', settings),
    ).toMatchObject({
      source: 'vaccine',
      vaccine: 'Moderna',
      days: 28,
      date: '2021-05-12',
    });
    expect(
      secondInjection(
        { second_dose_delay_days: null, per_vaccine: { AstraZeneca: 2, Moderna: 1 } },
        '2021-02-28',
        settings,
      ),
    ).toMatchObject({ source: 'vaccine', days: 63, date: '2021-05-02', latestDate: '2021-05-23' });
    expect(
      secondInjection({ second_dose_delay_days: null, per_vaccine: { Janssen: 2 } }, '2021-04-14', settings)
        .source,
    ).toBe('single_dose');
    expect(
      secondInjection({ second_dose_delay_days: null, per_vaccine: {} }, '2021-04-14', settings),
    ).toMatchObject({
      source: 'unknown',
      date: null,
    });
    // An operator changes one vaccine's rule; the others keep their default.
    const changed = PairsSettings.parse({ second_dose_intervals: { moderna: { days: 42 } } });
    expect(
      secondInjection({ second_dose_delay_days: null, per_vaccine: { Moderna: 1 } }, '2021-04-14', changed)
        .date,
    ).toBe('2021-05-26');
    expect(changed.second_dose_intervals['Pfizer-BioNTech']).toEqual({ days: 42 });
  });

  it('is read from creneau.config.json under pairs, and a bad interval is refused', () => {
    const file = CreneauConfigFile.parse({ pairs: { second_dose_intervals: { Moderna: { days: 42 } } } });
    expect(file.pairs.second_dose_intervals.Moderna).toEqual({ days: 42 });
    expect(CreneauConfigFile.parse({}).pairs).toEqual(DEFAULT_PAIRS_SETTINGS);
    expect(
      CreneauConfigFile.safeParse({ pairs: { second_dose_intervals: { Moderna: { days: -1 } } } }).success,
    ).toBe(false);
    expect(
      CreneauConfigFile.safeParse({
        pairs: { second_dose_intervals: { AstraZeneca: { days: 84, max_days: 63 } } },
      }).success,
    ).toBe(false);
    expect(CreneauConfigFile.safeParse({ pairs: { intervals: {} } }).success).toBe(false);
  });
});

describe('"pour deux personnes" on the results (deux=1)', () => {
  const pair = makeCentre({ id: 'pair' });
  const spreadOnly = makeCentre({ id: 'spread-only' });
  const states = new Map([
    ['pair', state('pair', { '2021-04-13': { morning: 2, afternoon: 0, evening: 0 } }, { delay: 42 })],
    ['spread-only', state('spread-only', { '2021-04-13': { morning: 1, afternoon: 1, evening: 0 } })],
  ]);
  const view = { state: (id: string) => states.get(id) } as Pick<AvailabilityView, 'state'>;
  const hits = [pair, spreadOnly].map((centre, i) => ({ centre, distance_km: i + 1 }));

  it('reads deux=1 forgivingly, keeps it in links, and keeps only centres with two slots in a half-day', () => {
    const filters = pageFilters(new URLSearchParams('commune=35238&deux=oui'));
    expect(filters.deux).toBe(true);
    expect(filterParams(filters)).toContainEqual(['deux', '1']);
    expect(pageFilters(new URLSearchParams('deux=peut-être')).deux).toBe(false);
    const ranked = rankHits(hits, view, NOW, availabilityFilters(filters));
    expect(ranked.map((hit) => hit.centre.id)).toEqual(['pair']);
    expect(rankHits(hits, view, NOW, {}).map((hit) => hit.centre.id)).toEqual(['pair', 'spread-only']);
  });

  it('says the day first, the second injection, and links the card in the page language', () => {
    const availability = publicAvailability(states.get('pair'), NOW);
    const french = forTwoView('pair', availability, DEFAULT_PAIRS_SETTINGS, fr, 'fr');
    expect(french?.dayText).toBe('Pour deux personnes : mardi 13 avril, le matin (2 créneaux)');
    expect(french?.secondText).toBe(
      'Seconde injection à prévoir vers le mardi 25 mai (42 jours après, selon la plateforme)',
    );
    expect(french?.cardHref).toBe('/rendez-vous/carte?centre=pair&date=2021-04-13&deux=1');
    const english = forTwoView('pair', availability, DEFAULT_PAIRS_SETTINGS, en, 'en');
    expect(english?.dayText).toBe('For two people: Tuesday 13 April, in the morning (2 slots)');
    expect(english?.cardHref).toBe('/rendez-vous/carte?centre=pair&date=2021-04-13&deux=1&lang=en');
    expect(
      forTwoView(
        'spread-only',
        publicAvailability(states.get('spread-only'), NOW),
        DEFAULT_PAIRS_SETTINGS,
        fr,
        'fr',
      ),
    ).toBeNull();
  });
});

describe('the appointment card', () => {
  const centre = makeCentre({ id: 'card-centre', phones: ['0299000000'] });
  const app = {
    centres: { byId: (id: string) => (id === centre.id ? centre : undefined) },
    availability: {
      state: () =>
        state(
          'card-centre',
          { '2021-04-15': { morning: 0, afternoon: 2, evening: 0 } },
          { vaccines: { Moderna: 2 } },
        ),
    },
  } as unknown as Parameters<typeof appointmentCard>[0];

  it('reads the URL (a typed French date too), never a name', () => {
    expect(cardRequest(new URLSearchParams('centre=card-centre&date=14/04/2021&deux=1&nom=Dupont'))).toEqual({
      centreId: 'card-centre',
      date: '2021-04-14',
      badDate: false,
      people: 2,
      vaccine: null,
    });
    expect(cardRequest(new URLSearchParams('centre=x&date=demain'))).toMatchObject({
      date: null,
      badDate: true,
      people: 1,
    });
    expect(appointmentCardHref('a b', { date: '2021-04-14', two: true }, 'fr')).toBe(
      '/rendez-vous/carte?centre=a+b&date=2021-04-14&deux=1',
    );
  });

  it("gives the centre's address and phone, the first date asked (else its first half-day for two) and the second", () => {
    const asked = appointmentCard(
      app,
      cardRequest(new URLSearchParams('centre=card-centre&date=2021-04-20')),
      DEFAULT_PAIRS_SETTINGS,
      NOW,
    );
    expect(asked).toMatchObject({
      firstDate: '2021-04-20',
      people: 1,
      second: { source: 'vaccine', date: '2021-05-18' },
    });
    expect(asked?.phones).toEqual([{ label: '02 99 00 00 00', href: 'tel:+33299000000' }]);
    const suggested = appointmentCard(
      app,
      cardRequest(new URLSearchParams('centre=card-centre&deux=1')),
      DEFAULT_PAIRS_SETTINGS,
      NOW,
    );
    expect(suggested).toMatchObject({ firstDate: '2021-04-15', people: 2 });
    expect(
      appointmentCard(app, cardRequest(new URLSearchParams('centre=nope')), DEFAULT_PAIRS_SETTINGS, NOW),
    ).toBeNull();
  });
});
