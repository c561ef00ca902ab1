import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Availability } from '../../src/adapters/availability.ts';
import { type AdapterContext, createAdapterContext } from '../../src/adapters/context.ts';
import type { Adapter } from '../../src/adapters/define-adapter.ts';
import doctolib from '../../src/adapters/doctolib/adapter.ts';
import keldoc from '../../src/adapters/keldoc/adapter.ts';
import maiia from '../../src/adapters/maiia/adapter.ts';
import smart, { discoverFeedCentres, type SmartOptions } from '../../src/adapters/smart/adapter.ts';
import type { ProviderSettingsInput } from '../../src/config/provider-settings.ts';
import { timeZoneOf } from '../../src/geo/time-zone.ts';
import { getGazetteer } from '../../src/places/gazetteer.ts';
import type { Centre } from '../../src/registry/centre.ts';
import { generateDemoRegistry } from '../../src/registry/demo.ts';
import { localDate } from '../../src/shared/time.ts';
import {
  type FaultSpecInput,
  type SimProvider,
  type Simulator,
  siteProfile,
  slotsAt,
  startSimulator,
} from '../../src/simulator/index.ts';

/**
 * Each adapter against the simulator over real HTTP on 127.0.0.1, on the demo registry's centres:
 * answers checked against the simulator's own supply model, then every fault switched on in turn.
 */

const SEED = 'adapters-simulator';
const HORIZON_DAYS = 14;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// A Tuesday, 08:00 in Paris: a whole hour, so SMART's hour-long slots start exactly at the horizon's edges.
const START_MS = Date.parse('2021-04-20T06:00:00Z');

let nowMs = START_MS;
const clock = () => new Date(nowMs);
/** Every phase runs an hour later than the previous one: SMART's per-minute file cache is then stale. */
function nextHour(): number {
  nowMs += HOUR_MS;
  return nowMs;
}

// Answers from the simulator on 127.0.0.1 take milliseconds, but a loaded machine can stall a
// process for seconds: only the unanswered-requests fault races a timeout, and nothing else does.
const SETTINGS: ProviderSettingsInput = {
  rate_limit: { requests: 1000, per_seconds: 1 },
  concurrency: 8,
  horizon_days: HORIZON_DAYS,
  timeout_ms: 20_000,
};
/** For the fault whose requests are never answered: the timeout always fires, so it may be short. */
const SHORT_TIMEOUT_MS = 400;

let centres: readonly Centre[] = [];
let sim: Simulator;

beforeAll(async () => {
  centres = generateDemoRegistry(getGazetteer()).centres;
  sim = await startSimulator({ centres, seed: SEED, clock });
});
afterAll(async () => {
  await sim?.close();
});

function contextFor(adapter: Adapter, provider: SimProvider, settings: ProviderSettingsInput = {}) {
  return createAdapterContext(adapter, {
    settings: { ...SETTINGS, ...settings, base_url: sim.urls[provider] },
    now: clock,
    centres: () => centres,
  });
}

/**
 * What the simulator's model says this centre offers now on the agendas open to online booking:
 * `truth` counts each (agenda, start) once; `count` and `perDay` are what the provider lets one see
 * (SMART schedules name their agenda as a Practitioner, so there it is the truth too).
 */
function expectedOf(provider: SimProvider, centre: Centre) {
  const profile = siteProfile(centre, SEED);
  const open = profile.agendas.filter((a) => !a.bookingDisabled);
  const agendasOf = (motiveKey: string) =>
    open.filter((a) => a.motiveKeys.includes(motiveKey)).map((a) => a.index);
  const query = { at: nowMs, from: nowMs, to: nowMs + HORIZON_DAYS * DAY_MS };
  const free = slotsAt(centre, SEED, { ...query, agendas: new Set(open.map((a) => a.index)) });
  const zone = timeZoneOf(centre);
  const perDay: Record<string, number> = {};
  let count = 0;
  const countOne = (startMs: number) => {
    count++;
    const day = localDate(startMs, zone);
    perDay[day] = (perDay[day] ?? 0) + 1;
  };

  if (provider === 'doctolib') {
    // First-shot motives name each slot's agenda; the others list bare times, one per start whichever
    // of their agendas is free. A bare time is the slot already counted at its start on a shared agenda.
    const freeAt = new Map<number, Set<number>>();
    for (const slot of free) freeAt.set(slot.start, (freeAt.get(slot.start) ?? new Set()).add(slot.agenda));
    const counted = new Map<number, number[][]>();
    const note = (start: number, agendas: number[]) => {
      counted.set(start, [...(counted.get(start) ?? []), agendas]);
      countOne(start);
    };
    for (const motive of profile.motives.filter((m) => m.dose === 'first')) {
      const agendas = agendasOf(motive.key);
      for (const slot of free) {
        const already = counted.get(slot.start)?.some((g) => g.length === 1 && g[0] === slot.agenda);
        if (agendas.includes(slot.agenda) && !already) note(slot.start, [slot.agenda]);
      }
    }
    for (const motive of profile.motives.filter((m) => m.dose !== 'first')) {
      const agendas = agendasOf(motive.key);
      for (const [start, freeAgendas] of freeAt) {
        if (!agendas.some((a) => freeAgendas.has(a))) continue;
        if (!counted.get(start)?.some((g) => g.some((a) => agendas.includes(a)))) note(start, agendas);
      }
    }
  } else {
    for (const slot of free) countOne(slot.start);
  }
  const first = free[0]?.start ?? null;
  return {
    phoneOnly: profile.phoneOnly,
    truth: free.length,
    count,
    perDay,
    // SMART publishes hour blocks: its first slot is the start of the hour holding the first one.
    first: first !== null && provider === 'smart' ? Math.floor(first / HOUR_MS) * HOUR_MS : first,
  };
}

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

/** A good answer: valid, self-consistent, and the very slots the simulator's model holds. */
function expectGood(provider: SimProvider, centre: Centre, answer: Availability): void {
  const availability = Availability.parse(answer);
  expect(availability.error, `${centre.id}: ${availability.error?.message}`).toBeNull();
  expect(['some', 'none', 'phone_only']).toContain(availability.status);
  expect(sum(availability.per_day)).toBe(availability.slot_count);
  expect(sum(availability.per_dose)).toBe(availability.slot_count);
  expect(sum(availability.per_vaccine)).toBeLessThanOrEqual(availability.slot_count);
  expect(availability.checked_at).toBe(new Date(nowMs).toISOString());

  const expected = expectedOf(provider, centre);
  expect(availability.slot_count, centre.id).toBe(expected.count);
  // Deduplication: listing a slot under several motives never counts it twice.
  expect(availability.slot_count).toBeLessThanOrEqual(expected.truth);
  expect(availability.per_day, centre.id).toEqual(expected.perDay);
  // Maiia shows a phone-only centre as one without consultation reasons, and SMART as one without
  // free slots: neither says "call", so neither adapter may claim it.
  if (expected.phoneOnly && (provider === 'doctolib' || provider === 'keldoc'))
    expect(availability.status).toBe('phone_only');
  // Issue 12: a slot known only beyond the horizon is `some` too (with a count of 0).
  else
    expect(availability.status).toBe(expected.count > 0 || availability.next_slot !== null ? 'some' : 'none');
  if (expected.first !== null) {
    expect(availability.next_slot).not.toBeNull();
    expect(Date.parse(availability.next_slot ?? '')).toBe(expected.first);
  } else if (availability.next_slot !== null) {
    // Nothing in the horizon: a next slot, if the provider points at one, lies beyond it.
    expect(Date.parse(availability.next_slot)).toBeGreaterThanOrEqual(nowMs + HORIZON_DAYS * DAY_MS);
  }
}

interface ProviderCase {
  provider: SimProvider;
  adapter: Adapter;
  /** The centres to ask about; SMART's come from mapping its feed onto the registry. */
  pick(ctx: AdapterContext): Promise<Centre[]>;
}

/** The first few centres, plus a phone-only one and an overseas one when the registry has them. */
function sample(candidates: Centre[], size: number): Centre[] {
  const chosen = candidates.slice(0, size);
  const phoneOnly = candidates.find((c) => siteProfile(c, SEED).phoneOnly);
  const overseas = candidates.find((c) => timeZoneOf(c) !== 'Europe/Paris');
  for (const extra of [phoneOnly, overseas]) if (extra && !chosen.includes(extra)) chosen.push(extra);
  return chosen;
}

const byPlatform = (platform: Centre['booking']['platform']) =>
  centres.filter((c) => c.booking.platform === platform && c.booking.url);

const CASES: ProviderCase[] = [
  { provider: 'doctolib', adapter: doctolib as Adapter, pick: async () => byPlatform('doctolib') },
  { provider: 'maiia', adapter: maiia as Adapter, pick: async () => byPlatform('maiia') },
  { provider: 'keldoc', adapter: keldoc as Adapter, pick: async () => byPlatform('keldoc') },
  {
    provider: 'smart',
    adapter: smart as Adapter,
    async pick(ctx) {
      const { matched } = await discoverFeedCentres(ctx as AdapterContext<SmartOptions>);
      return centres.filter((c) => matched.has(c.id));
    },
  },
];

interface FaultCase {
  name: string;
  spec: FaultSpecInput;
  kind: NonNullable<Availability['error']>['kind'] | null;
  retryAfterS?: number;
  shortTimeout?: boolean;
}

const FAULTS: FaultCase[] = [
  { name: 'latency below the timeout', spec: { latencyMs: 40 }, kind: null },
  { name: 'requests left unanswered', spec: { timeoutRate: 1 }, kind: 'timeout', shortTimeout: true },
  { name: '500 errors', spec: { errorRate: 1 }, kind: 'unreachable' },
  { name: '429 with Retry-After', spec: { rateLimit: { retryAfterSeconds: 17 } }, kind: 'rate_limited' },
  { name: 'malformed JSON', spec: { malformedRate: 1 }, kind: 'bad_response' },
  { name: 'renamed fields', spec: { drift: 'rename' }, kind: 'bad_response' },
  { name: 'removed fields', spec: { drift: 'remove' }, kind: 'bad_response' },
  { name: 'connections refused', spec: { down: { minutes: 30 } }, kind: 'unreachable' },
  { name: '503 while down', spec: { down: { minutes: 30, mode: '503' } }, kind: 'unreachable' },
];

describe.each(CASES)('$provider adapter against the simulator', ({ provider, adapter, pick }) => {
  let ctx: AdapterContext;
  let shortCtx: AdapterContext;
  let all: Centre[] = [];

  beforeAll(async () => {
    nowMs = START_MS;
    ctx = contextFor(adapter, provider);
    shortCtx = contextFor(adapter, provider, { timeout_ms: SHORT_TIMEOUT_MS });
    all = await pick(ctx);
  });
  afterAll(async () => {
    await sim.faults.clear(provider);
  });

  it('reads the availability the simulator holds, slot for slot', async () => {
    nowMs = START_MS;
    expect(all.length).toBeGreaterThanOrEqual(5);
    const chosen = sample(all, 6);
    const answers = await Promise.all(chosen.map((c) => adapter.fetchAvailability(c, ctx)));
    answers.forEach((answer, i) => {
      expectGood(provider, chosen[i] as Centre, answer);
    });
    // The sample is worth something only if it holds slots.
    expect(answers.some((a) => a.status === 'some')).toBe(true);
  });

  it.each(FAULTS)('with $name: reports it, then recovers once it is cleared', async (fault) => {
    const context = fault.shortTimeout ? shortCtx : ctx;
    const chosen = all.filter((c) => !siteProfile(c, SEED).phoneOnly).slice(0, 2);
    nextHour();
    await sim.faults.set(provider, fault.spec);
    try {
      const answers = await Promise.all(chosen.map((c) => adapter.fetchAvailability(c, context)));
      answers.forEach((answer, i) => {
        const centre = chosen[i] as Centre;
        if (fault.kind === null) {
          expectGood(provider, centre, answer);
          return;
        }
        Availability.parse(answer);
        expect(answer.status, centre.id).toBe('unknown');
        expect(answer.error?.kind, `${centre.id}: ${answer.error?.message}`).toBe(fault.kind);
        expect(answer.slot_count).toBe(0);
        if (fault.kind === 'rate_limited') expect(answer.error?.retry_after_s).toBe(17);
      });
    } finally {
      await sim.faults.clear(provider);
    }
    // The recovery is checked with the generous timeout: with the short one, a machine slowed down
    // for 400 ms would fail it (SMART's first poll of an hour reads several files).
    nextHour();
    const centre = chosen[0] as Centre;
    expectGood(provider, centre, await adapter.fetchAvailability(centre, ctx));
  });
});

describe('smart feed mapping', () => {
  it('maps every centre the simulator publishes onto its registry centre, adding none', async () => {
    nowMs = START_MS;
    const ctx = contextFor(smart as Adapter, 'smart');
    const { matched, centres: added } = await discoverFeedCentres(ctx as AdapterContext<SmartOptions>);
    const published = centres.filter((c) => c.booking.platform === 'other' && c.booking.url);
    expect([...matched.keys()].sort()).toEqual(published.map((c) => c.id).sort());
    expect(added).toEqual([]);
  });
});
