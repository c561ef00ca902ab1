import { delay, HttpResponse, http, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Availability } from '../../src/adapters/availability.ts';
import {
  type AdapterContext,
  type AdapterContextInit,
  createAdapterContext,
} from '../../src/adapters/context.ts';
import type { Adapter } from '../../src/adapters/define-adapter.ts';
import type { ProviderSettingsInput } from '../../src/config/provider-settings.ts';
import type { Centre } from '../../src/registry/centre.ts';
import { overseas, type World } from '../fixtures/world.ts';

/** Frozen clock of every adapter test: 10:00 in Paris on Tuesday 20 April 2021. */
export const NOW = new Date('2021-04-20T08:00:00Z');

export interface HttpScenarios {
  /** A Paris centre the adapter claims. */
  centre: Centre;
  /** Handlers rendering a world the way the provider would, for this centre. */
  serve(world: World, centre: Centre): RequestHandler[];
  /** False when the adapter takes registry centres by matching a feed, not by URL (smart). */
  claimsByUrl?: boolean;
  /** Whether the provider can say "phone only" (and `serve` renders `world.phoneOnly`). */
  phoneOnly: boolean;
  settings?: ProviderSettingsInput;
  options?: unknown;
  /** Registry centres, for adapters that map a feed onto them. */
  centres?(centre: Centre): readonly Centre[];
}

export interface OfflineScenarios {
  centre: Centre;
  status: 'phone_only' | 'unknown';
}

/** One msw server per test file (vitest isolates files); adapters get the global fetch it patches. */
export const server = setupServer();

/**
 * msw answers in the same process within milliseconds, but a loaded machine can stall it for
 * seconds: a timeout no stall reaches, except for the fault that never answers, whose timeout always
 * fires and only needs to let the requests before the faulted one through.
 */
const TIMEOUT_MS = 30_000;
const NEVER_ANSWERED_TIMEOUT_MS = 2_000;

/** A context as the contract builds it: frozen clock, global fetch, generous rate limit and timeout. */
export function testContext<O>(adapter: Adapter<O>, init: AdapterContextInit = {}): AdapterContext<O> {
  return createAdapterContext(adapter, {
    fetch: (input, request) => fetch(input, request),
    now: () => NOW,
    logger: pino({ level: 'silent' }),
    ...init,
    settings: { timeout_ms: TIMEOUT_MS, rate_limit: { requests: 1000, per_seconds: 1 }, ...init.settings },
  });
}

const PARIS = 'Europe/Paris';
const REUNION = 'Indian/Reunion';

/**
 * The shared world: a slot listed under two motives, two agendas at the same minute, a slot at
 * 23:30 UTC (the next day in Paris), one at 21:00 UTC (the next day in La Réunion only), one unknown
 * motive, and one beyond the 14-day horizon.
 */
function busyWorld(zone: string): World {
  return {
    zone,
    slots: [
      { agenda: 'a1', start: '2021-04-21T08:00:00Z', motive: 'first' },
      { agenda: 'a1', start: '2021-04-21T08:00:00Z', motive: 'unknown' },
      { agenda: 'a2', start: '2021-04-21T08:00:00Z', motive: 'first' },
      { agenda: 'a2', start: '2021-04-21T21:00:00Z', motive: 'second' },
      { agenda: 'a1', start: '2021-04-21T23:30:00Z', motive: 'second' },
      { agenda: 'a2', start: '2021-04-22T09:00:00Z', motive: 'unknown' },
      { agenda: 'a1', start: '2021-05-20T09:00:00Z', motive: 'first' },
    ],
  };
}

type Fault = () => Response | Promise<Response>;
const FAULTS: ReadonlyArray<readonly [string, Fault, Availability['error']]> = [
  ['404', () => new HttpResponse(null, { status: 404 }), { kind: 'not_found', message: expect.any(String) }],
  ['403', () => new HttpResponse(null, { status: 403 }), { kind: 'blocked', message: expect.any(String) }],
  [
    '429 with Retry-After in seconds',
    () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '120' } }),
    { kind: 'rate_limited', message: expect.any(String), retry_after_s: 120 },
  ],
  [
    '429 with Retry-After as an HTTP date',
    () =>
      new HttpResponse(null, {
        status: 429,
        headers: { 'retry-after': new Date(NOW.getTime() + 90_000).toUTCString() },
      }),
    { kind: 'rate_limited', message: expect.any(String), retry_after_s: 90 },
  ],
  [
    '500',
    () => new HttpResponse('oops', { status: 500 }),
    { kind: 'unreachable', message: expect.any(String) },
  ],
  ['a network error', () => HttpResponse.error(), { kind: 'unreachable', message: expect.any(String) }],
  [
    'no answer before the timeout',
    async () => {
      await delay('infinite');
      return new HttpResponse(null);
    },
    { kind: 'timeout', message: expect.any(String) },
  ],
  [
    'malformed JSON',
    () => new HttpResponse('{"items": [', { headers: { 'content-type': 'application/json' } }),
    { kind: 'bad_response', message: expect.any(String) },
  ],
  [
    'a drifted schema',
    () => HttpResponse.json({ unexpected: true }),
    { kind: 'bad_response', message: expect.any(String) },
  ],
];

export function runAdapterContract(
  options: { adapter: Adapter } & ({ scenarios: HttpScenarios } | { offline: OfflineScenarios }),
): void {
  const { adapter } = options;
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  if ('offline' in options) {
    runOffline(adapter, options.offline);
    return;
  }
  const scenarios = options.scenarios;

  function check(centre: Centre, logs: string[] = [], timeoutMs = TIMEOUT_MS) {
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
    const ctx = createAdapterContext(adapter, {
      settings: {
        timeout_ms: timeoutMs,
        rate_limit: { requests: 1000, per_seconds: 1 },
        ...scenarios.settings,
      },
      options: scenarios.options,
      fetch: (input, init) => fetch(input, init),
      now: () => NOW,
      logger,
      centres: () => scenarios.centres?.(centre) ?? [centre],
    });
    return adapter.fetchAvailability(centre, ctx);
  }

  /** Counts the requests a fetch makes, to fault the last one. */
  async function requestCount(centre: Centre, world: World): Promise<number> {
    let count = 0;
    server.use(
      http.all('*', () => {
        count++;
      }),
      ...scenarios.serve(world, scenarios.centre),
    );
    await check(centre);
    server.resetHandlers();
    return count;
  }

  describe(`${adapter.name} adapter contract`, () => {
    it.skipIf(scenarios.claimsByUrl === false)('claims its centre booking URL', () => {
      expect(
        adapter.claims(new URL(scenarios.centre.booking.url ?? 'http://invalid.test')) ||
          adapter.claimsCentre(scenarios.centre),
      ).toBe(true);
    });

    it('counts each slot once per agenda and start, in the centre zone, with doses and next slot', async () => {
      server.use(...scenarios.serve(busyWorld(PARIS), scenarios.centre));
      const availability = Availability.parse(await check(scenarios.centre));
      expect(availability).toMatchObject({
        provider: adapter.name,
        status: 'some',
        error: null,
        slot_count: 5,
        next_slot: '2021-04-21T10:00:00+02:00',
        per_day: { '2021-04-21': 3, '2021-04-22': 2 },
        per_dose: { first: 2, second: 2, booster: 0, unknown: 1 },
        checked_at: NOW.toISOString(),
        horizon_days: 14,
      });
    });

    it('keeps slots of unrecognised motives as unknown dose', async () => {
      const world: World = {
        zone: PARIS,
        slots: [{ agenda: 'a1', start: '2021-04-23T07:00:00Z', motive: 'unknown' }],
      };
      server.use(...scenarios.serve(world, scenarios.centre));
      const availability = await check(scenarios.centre);
      expect(availability.slot_count).toBe(1);
      expect(availability.per_dose).toEqual({ first: 0, second: 0, booster: 0, unknown: 1 });
    });

    it('counts the days of an overseas centre in its own zone', async () => {
      const centre = overseas(scenarios.centre);
      server.use(...scenarios.serve(busyWorld(REUNION), centre));
      const availability = await check(centre);
      expect(availability.per_day).toEqual({ '2021-04-21': 2, '2021-04-22': 3 });
      expect(availability.next_slot).toBe('2021-04-21T12:00:00+04:00');
    });

    it('says none, not unknown, when the provider has no slot', async () => {
      server.use(...scenarios.serve({ zone: PARIS, slots: [] }, scenarios.centre));
      const availability = Availability.parse(await check(scenarios.centre));
      expect(availability).toMatchObject({
        status: 'none',
        slot_count: 0,
        next_slot: null,
        error: null,
        per_day: {},
      });
    });

    it('finds a slot late in the horizon past empty days', async () => {
      const world: World = {
        zone: PARIS,
        slots: [{ agenda: 'a2', start: '2021-05-03T12:00:00Z', motive: 'first' }],
      };
      server.use(...scenarios.serve(world, scenarios.centre));
      const availability = await check(scenarios.centre);
      expect(availability).toMatchObject({ status: 'some', slot_count: 1, per_day: { '2021-05-03': 1 } });
    });

    it('reports a next slot beyond the horizon as some, without counting it', async () => {
      const world: World = {
        zone: PARIS,
        slots: [{ agenda: 'a1', start: '2021-05-20T09:00:00Z', motive: 'first' }],
      };
      server.use(...scenarios.serve(world, scenarios.centre));
      const availability = await check(scenarios.centre);
      // Issue 12: a later-only slot is `some` with a count of 0 within the horizon.
      expect(availability).toMatchObject({
        status: 'some',
        slot_count: 0,
        next_slot: '2021-05-20T11:00:00+02:00',
      });
    });

    it.skipIf(!scenarios.phoneOnly)('says phone only when no agenda books online', async () => {
      server.use(...scenarios.serve({ ...busyWorld(PARIS), phoneOnly: true }, scenarios.centre));
      const availability = Availability.parse(await check(scenarios.centre));
      expect(availability).toMatchObject({ status: 'phone_only', slot_count: 0, error: null });
    });

    for (const [name, fault, error] of FAULTS) {
      for (const stage of ['first', 'last'] as const) {
        it(`reports unknown with its error on ${name} (${stage} request)`, async () => {
          const pass = stage === 'first' ? 0 : (await requestCount(scenarios.centre, busyWorld(PARIS))) - 1;
          let seen = 0;
          server.use(
            http.all('*', () => {
              seen++;
              return seen > pass ? fault() : undefined;
            }),
            ...scenarios.serve(busyWorld(PARIS), scenarios.centre),
          );
          const timeoutMs = error?.kind === 'timeout' ? NEVER_ANSWERED_TIMEOUT_MS : TIMEOUT_MS;
          const availability = Availability.parse(await check(scenarios.centre, [], timeoutMs));
          expect(availability).toMatchObject({ status: 'unknown', slot_count: 0, next_slot: null, error });
        });
      }
    }

    it('logs the path of the first mismatch on a drifted schema', async () => {
      server.use(http.all('*', () => HttpResponse.json({ unexpected: true })));
      const logs: string[] = [];
      await check(scenarios.centre, logs);
      const mismatch = logs.map((line) => JSON.parse(line)).find((entry) => entry.path !== undefined);
      expect(mismatch).toMatchObject({ provider: adapter.name, path: expect.any(String) });
    });
  });
}

function runOffline(adapter: Adapter, scenarios: OfflineScenarios) {
  describe(`${adapter.name} adapter contract`, () => {
    it('takes its centre by what the centre is', () => {
      expect(adapter.claimsCentre(scenarios.centre)).toBe(true);
    });

    it(`answers ${scenarios.status} without any request and without an error`, async () => {
      let requests = 0;
      server.use(
        http.all('*', () => {
          requests++;
          return HttpResponse.error();
        }),
      );
      const ctx = createAdapterContext(adapter, { fetch: (i, init) => fetch(i, init), now: () => NOW });
      const availability = Availability.parse(await adapter.fetchAvailability(scenarios.centre, ctx));
      expect(availability).toMatchObject({
        status: scenarios.status,
        error: null,
        slot_count: 0,
        next_slot: null,
      });
      expect(requests).toBe(0);
    });
  });
}
