import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/app-context.ts';
import { smartResources } from '../../../src/opendata/smart-publication.ts';
import { SPEC_EXTENSIONS, SpecSchedule, SpecSlot } from '../../../src/opendata/smart-spec-schema.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { polledState } from '../../fixtures/centre-state.ts';
import { appWithStates, checkedState, failedState } from '../opendata/app-with-states.ts';

const NOW = new Date('2021-04-20T08:01:00Z');
const AT = '2021-04-20T08:00:00.000Z';
const ORIGIN = 'https://creneau.example';
type Json = Record<string, unknown>;

const states = new Map<string, CentreState>();
let app: AppContext;

beforeAll(async () => {
  const some = {
    status: 'some' as const,
    next_slot: '2021-04-21T10:30:00+02:00',
    slot_count: 5,
    per_day: { '2021-04-21': 5 },
  };
  states.set('demo-0129', checkedState('demo-0129', AT, some));
  // Failing after a good `some`: the last good value stays on the site, but SMART says unknown.
  states.set(
    'demo-0130',
    failedState(
      'demo-0130',
      AT,
      { kind: 'unreachable', message: '500' },
      checkedState('demo-0130', '2021-04-20T07:55:00.000Z', some),
    ),
  );
  // A good `some` read two hours ago: expired.
  states.set('demo-0131', checkedState('demo-0131', '2021-04-20T06:00:00.000Z', some));
  // Only a later slot: some, one Slot at it, no capacity invented.
  states.set(
    'demo-0132',
    checkedState('demo-0132', AT, {
      status: 'some',
      next_slot: '2021-05-20T09:00:00+02:00',
      slot_count: 0,
      per_day: {},
    }),
  );
  // A registry-only answer (no request made): no lastSourceSync.
  states.set(
    'demo-0133',
    polledState('demo-0133', new Date(AT), {
      provider: 'phone-only',
      status: 'phone_only',
      slot_count: 0,
      per_day: {},
      next_slot: null,
    }),
  );
  app = await appWithStates(NOW, states);
});

const schedule = (id: string) =>
  (smartResources(app, 'Schedule', '35', ORIGIN) as Json[]).find((r) => r.id === id) as Json;
const has = (id: string) => ((schedule(id).extension as Json[])[0] as Json).valueCode;
const slots = (id: string) =>
  (smartResources(app, 'Slot', '35', ORIGIN) as Json[]).filter(
    (s) => (s.schedule as Json).reference === `Schedule/${id}`,
  );

describe('SMART publication follows the one rule (issue 12)', () => {
  it('says some for a fresh value, unknown after a failure or past the limit, and publishes their slots only when available', () => {
    expect(has('demo-0129')).toBe('some');
    expect(slots('demo-0129')).toHaveLength(1);
    expect(has('demo-0130')).toBe('unknown');
    expect(slots('demo-0130')).toEqual([]);
    expect(has('demo-0131')).toBe('unknown');
    expect(slots('demo-0131')).toEqual([]);
  });

  it('publishes a later-only slot as some, with one Slot at it and no invented capacity', () => {
    expect(has('demo-0132')).toBe('some');
    const [slot] = slots('demo-0132');
    expect(SpecSlot.parse(slot)).toMatchObject({ start: '2021-05-20T09:00:00+02:00' });
    expect(((slot?.extension as Json[]) ?? []).some((e) => e.url === SPEC_EXTENSIONS.slotCapacity)).toBe(
      false,
    );
  });

  it('gives lastSourceSync only where a source was read', () => {
    expect(schedule('demo-0133').meta).toBeUndefined();
    expect(has('demo-0133')).toBe('unknown');
    expect(SpecSchedule.parse(schedule('demo-0130')).meta?.extension[0]?.valueDateTime).toBe(
      '2021-04-20T09:55:00+02:00',
    );
  });
});
