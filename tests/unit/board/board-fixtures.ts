import type { Availability } from '../../../src/adapters/availability.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import type { Centre } from '../../../src/registry/centre.ts';
import { polledState } from '../../fixtures/centre-state.ts';
import { makeCentre } from '../../fixtures/world.ts';

/** Tuesday 11 May 2021, 10:00 in Paris: the board's first day. */
export const NOW = new Date('2021-05-11T10:00:00+02:00');

const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

/** A Paris centre (département 75) booked on a platform, with a phone unless told otherwise. */
export function centre(id: string, overrides: Partial<Centre> = {}): Centre {
  return makeCentre({
    id,
    name: `Centre ${id}`,
    booking: { url: `https://partners.doctolib.fr/centre/paris/${id}`, platform: 'doctolib' },
    phones: ['0199000001'],
    ...overrides,
  });
}

/** A successful check `checkedMinutesAgo` ago (expected every 2 minutes: stale after 5). */
export function checked(id: string, shown: Partial<Availability>, checkedMinutesAgo = 1): CentreState {
  return polledState(id, minutesAgo(checkedMinutesAgo), shown);
}

export function withSlots(id: string, perDay: Record<string, number>, checkedMinutesAgo = 1): CentreState {
  const count = Object.values(perDay).reduce((a, b) => a + b, 0);
  const first = Object.keys(perDay).sort()[0];
  return checked(
    id,
    {
      status: 'some',
      slot_count: count,
      next_slot: first ? `${first}T14:30:00+02:00` : null,
      per_day: perDay,
      per_dose: { first: count, second: 0, booster: 0, unknown: 0 },
      per_vaccine: { Moderna: count },
      horizon_days: 14,
    },
    checkedMinutesAgo,
  );
}

export function noSlots(id: string, horizonDays = 14): CentreState {
  return checked(id, {
    status: 'none',
    slot_count: 0,
    next_slot: null,
    per_day: {},
    per_dose: { first: 0, second: 0, booster: 0, unknown: 0 },
    per_vaccine: {},
    horizon_days: horizonDays,
  });
}
