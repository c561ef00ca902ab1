import { describe, expect, it } from 'vitest';
import { configureKnowledge, knowledgeOf } from '../../../src/availability/knowledge.ts';
import { DEFAULT_EXPIRE_AFTER_S } from '../../../src/availability/knowledge-settings.ts';
import { hasSlots, publicAvailability } from '../../../src/availability/public-availability.ts';
import { availabilityText } from '../../../src/format/availability-text.ts';
import { type CentreState, initialState, recordPoll } from '../../../src/poller/centre-state.ts';
import { availability } from '../../fixtures/poller/availability.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const PARIS = 'Europe/Paris';
const unreachable = { kind: 'unreachable' as const, message: 'HTTP 500' };

/** A centre polled by the poller's own recordPoll, on a clock the test moves. */
function centre(clock: FakeClock) {
  let state: CentreState = initialState('c1', 'doctolib', new Date(clock.now()), 120);
  const poll = (shown: Parameters<typeof availability>[0]) => {
    const at = new Date(clock.now());
    state = recordPoll(state, {
      availability: availability({ checked_at: at.toISOString(), ...shown }),
      at,
      nextDueAt: new Date(clock.now() + 120_000),
      expectedIntervalS: 120,
    });
  };
  return {
    ok: (shown: Parameters<typeof availability>[0]) => poll({ error: null, ...shown }),
    fail: () => poll({ status: 'unknown', slot_count: 0, error: unreachable }),
    shown: () => publicAvailability(state, new Date(clock.now())),
    state: () => state,
  };
}

const SOME = {
  status: 'some' as const,
  slot_count: 12,
  next_slot: '2021-04-20T10:30:00+02:00',
  per_day: { '2021-04-20': 12 },
};

describe('what Créneau knows (src/availability/knowledge.ts)', () => {
  it('never turns a failing platform into none or 0: unknown with the error kind, counts null', async () => {
    const clock = new FakeClock('2021-04-20T08:05:00Z');
    const c = centre(clock);
    c.fail();
    const shown = c.shown();
    expect(shown).toMatchObject({
      status: 'unknown',
      slot_count: null,
      per_day: null,
      per_dose: null,
      per_vaccine: null,
      error_kind: 'unreachable',
      freshness: 'unknown',
      available: false,
    });
    expect(hasSlots(shown)).toBe(false);
    expect(availabilityText(shown, PARIS).freshness).toBe('la plateforme ne répond pas depuis 10 h 05');
  });

  it('keeps the last good value marked stale, says since when the platform fails, expires it after the limit, and recovers', async () => {
    const clock = new FakeClock('2021-04-20T08:05:00Z');
    const c = centre(clock);
    c.ok(SOME);
    expect(c.shown()).toMatchObject({ status: 'some', freshness: 'fresh', slot_count: 12, available: true });
    await clock.advance(7 * 60_000);
    c.fail(); // 10 h 12
    await clock.advance(5 * 60_000);
    c.fail(); // still failing: "since" stays at the first failure
    const stale = c.shown();
    expect(stale).toMatchObject({ status: 'some', freshness: 'stale', slot_count: 12, available: true });
    expect(stale.failing_since).toBe('2021-04-20T08:12:00.000Z');
    const text = availabilityText(stale, PARIS);
    expect(text.headline).toBe('12 créneaux (à confirmer)');
    expect(text.freshness).toBe(
      'la plateforme ne répond pas depuis 10 h 12 ; dernière information de 10 h 05',
    );

    // One hour after the last success, the value is expired: not available anywhere.
    await clock.advance(DEFAULT_EXPIRE_AFTER_S * 1000 - 12 * 60_000 + 1000);
    c.fail();
    const expired = c.shown();
    expect(expired).toMatchObject({
      status: 'unknown',
      last_status: 'some',
      freshness: 'expired',
      slot_count: null,
      next_slot: null,
      available: false,
    });
    expect(hasSlots(expired)).toBe(false);
    expect(availabilityText(expired, PARIS).freshness).toBe(
      'dernière information du 20 avril à 10:05 : à vérifier auprès du centre',
    );

    await clock.advance(60_000);
    c.ok(SOME);
    expect(c.shown()).toMatchObject({
      status: 'some',
      freshness: 'fresh',
      failing_since: null,
      available: true,
    });
    expect(c.state().failing_since).toBeNull();
  });

  it('reads the configured limit', () => {
    const clock = new FakeClock('2021-04-20T08:00:00Z');
    const c = centre(clock);
    c.ok(SOME);
    const later = new Date(clock.now() + 20 * 60_000);
    expect(knowledgeOf(c.state(), later).freshness).toBe('stale');
    configureKnowledge({ expire_after_s: 600 });
    try {
      expect(knowledgeOf(c.state(), later).freshness).toBe('expired');
      expect(publicAvailability(c.state(), later).available).toBe(false);
    } finally {
      configureKnowledge({ expire_after_s: DEFAULT_EXPIRE_AFTER_S });
    }
    expect(knowledgeOf(c.state(), later, { expireAfterS: 600 }).freshness).toBe('expired');
  });

  it('says some with count 0 and the sentence when only a later slot is known', () => {
    const clock = new FakeClock('2021-12-01T08:00:00Z');
    const c = centre(clock);
    c.ok({ status: 'some', slot_count: 0, next_slot: '2021-12-22T09:00:00+01:00', per_day: {} });
    const shown = c.shown();
    expect(shown).toMatchObject({ status: 'some', slot_count: 0, available: true });
    expect(hasSlots(shown)).toBe(false);
    expect(availabilityText(shown, PARIS).headline).toBe(
      'prochain créneau le 22 décembre, aucun dans les 14 prochains jours',
    );
  });

  it('says none only for an answer with nothing at all, with 0 (a known zero)', () => {
    const clock = new FakeClock();
    const c = centre(clock);
    c.ok({ status: 'none', slot_count: 0, next_slot: null, per_day: {} });
    expect(c.shown()).toMatchObject({ status: 'none', slot_count: 0, per_day: {}, error: null });
    expect(availabilityText(c.shown(), PARIS).headline).toBe('Aucun créneau pour l’instant');
  });
});
