import { describe, expect, it } from 'vitest';
import { CentreState, initialState, recordPoll, shownChanged } from '../../../src/poller/centre-state.ts';
import { availability, failed } from '../../fixtures/poller/availability.ts';

const t0 = new Date('2021-04-20T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const outcome = (a: ReturnType<typeof availability>, minutes: number) => ({
  availability: a,
  at: at(minutes),
  nextDueAt: at(minutes + 2),
  expectedIntervalS: 120,
});

describe('centre record', () => {
  const first = recordPoll(initialState('c1', 'doctolib', t0, 120), outcome(availability(), 0));

  it('a success sets checked_at, valid_at and changed_at and keeps the availability', () => {
    expect(first).toMatchObject({
      checked_at: at(0).toISOString(),
      valid_at: at(0).toISOString(),
      changed_at: at(0).toISOString(),
      last_error: null,
      consecutive_failures: 0,
      next_due_at: at(2).toISOString(),
    });
    expect(first.availability?.slot_count).toBe(3);
    expect(CentreState.parse(first)).toEqual(first);
  });

  it('changed_at stays when only checked_at differs', () => {
    const again = recordPoll(first, outcome(availability({ checked_at: at(5).toISOString() }), 5));
    expect(again.valid_at).toBe(at(5).toISOString());
    expect(again.changed_at).toBe(at(0).toISOString());
  });

  it('changed_at stays when the same counts come in another key order', () => {
    const reordered = availability({ per_dose: { unknown: 0, booster: 0, second: 1, first: 2 } });
    expect(recordPoll(first, outcome(reordered, 5)).changed_at).toBe(at(0).toISOString());
  });

  it('changed_at moves when what is shown changes', () => {
    for (const change of [
      { slot_count: 2 },
      { next_slot: '2021-04-21T10:00:00+02:00' },
      { per_dose: { first: 1, second: 2, booster: 0, unknown: 0 } },
      { status: 'none' as const },
    ]) {
      expect(recordPoll(first, outcome(availability(change), 5)).changed_at).toBe(at(5).toISOString());
    }
  });

  it('a failure keeps the last good availability and valid_at, and records the error', () => {
    const down = recordPoll(first, outcome(failed('timeout'), 5));
    expect(down.availability).toEqual(first.availability);
    expect(down.valid_at).toBe(at(0).toISOString());
    expect(down.changed_at).toBe(at(0).toISOString());
    expect(down.checked_at).toBe(at(5).toISOString());
    expect(down.last_error?.kind).toBe('timeout');
    expect(down.consecutive_failures).toBe(1);
    expect(recordPoll(down, outcome(failed('unreachable'), 7)).consecutive_failures).toBe(2);
  });

  it('a success after failures clears the error and the count', () => {
    const down = recordPoll(first, outcome(failed('timeout'), 5));
    const back = recordPoll(down, outcome(availability(), 7));
    expect(back).toMatchObject({ last_error: null, consecutive_failures: 0, valid_at: at(7).toISOString() });
    expect(back.changed_at).toBe(at(0).toISOString());
  });

  it('shownChanged ignores the poll metadata', () => {
    expect(shownChanged(availability(), availability({ checked_at: at(9).toISOString() }))).toBe(false);
    expect(shownChanged(null, availability())).toBe(true);
  });
});
