import { beforeAll, describe, expect, it } from 'vitest';
import { createAdapterContext, type FetchLike } from '../../../src/adapters/context.ts';
import smart from '../../../src/adapters/smart/adapter.ts';
import type { AppContext } from '../../../src/app/app-context.ts';
import { configureKnowledge } from '../../../src/availability/knowledge.ts';
import { DEFAULT_EXPIRE_AFTER_S } from '../../../src/availability/knowledge-settings.ts';
import { publicAvailability } from '../../../src/availability/public-availability.ts';
import {
  type SmartFileType,
  smartFile,
  smartManifest,
  smartManifestBody,
  smartResources,
} from '../../../src/opendata/smart-publication.ts';
import {
  SPEC_EXTENSIONS,
  SpecLocation,
  SpecManifest,
  SpecSchedule,
  SpecSlot,
  SpecTimestamp,
} from '../../../src/opendata/smart-spec-schema.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { SMART_CENTRE_ID_SYSTEM, SOURCE_ID_SYSTEMS } from '../../../src/registry/identifier-systems.ts';
import { zonedDayStartMs } from '../../../src/shared/time.ts';
import { appWithStates, checkedState, failedState } from './app-with-states.ts';

const NOW = new Date('2021-04-20T08:01:00Z');
const AT = '2021-04-20T08:00:00.000Z';
const ORIGIN = 'https://creneau.example';
const states = new Map<string, CentreState>();
let app: AppContext;
let overseasId: string;

type Json = Record<string, unknown>;
const resources = (type: SmartFileType, code: string) => smartResources(app, type, code, ORIGIN) as Json[];
const byId = (type: SmartFileType, code: string, id: string) =>
  resources(type, code).find((r) => r.id === id) as Json;

beforeAll(async () => {
  states.set(
    'demo-0129',
    checkedState('demo-0129', AT, {
      status: 'some',
      next_slot: '2021-04-21T10:30:00+02:00',
      slot_count: 12,
      per_day: { '2021-04-21': 5, '2021-04-22': 7 },
      booking_phone: '0299000000',
    }),
  );
  states.set('demo-0130', checkedState('demo-0130', AT, { status: 'none' }));
  states.set(
    'demo-0131',
    failedState(
      'demo-0131',
      AT,
      { kind: 'timeout', message: 'no answer' },
      checkedState('demo-0131', '2021-04-20T07:00:00.000Z', { status: 'none' }),
    ),
  );
  states.set('demo-0133', checkedState('demo-0133', AT, { status: 'phone_only' }));
  // A past day left in a stale value, today from the next slot on, and a day across no DST change.
  states.set(
    'demo-0128',
    checkedState('demo-0128', '2021-04-18T08:00:00.000Z', {
      status: 'some',
      next_slot: '2021-04-19T09:00:00+02:00',
      slot_count: 6,
      per_day: { '2021-04-19': 2, '2021-04-20': 4 },
    }),
  );
  app = await appWithStates(NOW, states);
  const overseas = app.centres.inDepartement('971')[0];
  if (!overseas) throw new Error('the demo registry has a centre in Guadeloupe');
  overseasId = overseas.id;
  states.set(
    overseasId,
    checkedState(overseasId, AT, {
      status: 'some',
      next_slot: '2021-04-20T14:00:00-04:00',
      slot_count: 3,
      per_day: { '2021-04-20': 3 },
    }),
  );
});

describe('SMART manifest', () => {
  it('follows the spec and lists Location, Schedule and Slot files per département with a state hint', () => {
    const manifest = SpecManifest.parse(smartManifestBody(app, ORIGIN));
    expect(manifest.request).toBe(`${ORIGIN}/smart/$bulk-publish`);
    expect(manifest.transactionTime).toBe('2021-04-20T10:01:00+02:00');
    expect(manifest.error).toEqual([]);
    const withCentres = app.gazetteer
      .departements()
      .map((d) => d.code)
      .filter((code) => app.centres.inDepartement(code).length > 0);
    expect(manifest.output).toHaveLength(withCentres.length * 3);
    expect(manifest.output).toContainEqual({
      type: 'Slot',
      url: `${ORIGIN}/smart/slots-35.ndjson`,
      extension: { state: ['35'] },
    });
    for (const output of manifest.output) {
      const code = output.extension?.state[0] ?? '';
      expect(withCentres).toContain(code);
      expect(output.url).toBe(`${ORIGIN}/smart/${output.type.toLowerCase()}s-${code}.ndjson`);
    }
  });
});

describe('SMART resources', () => {
  it('validates every Location, Schedule and Slot of a département against the spec', () => {
    for (const code of ['35', '971']) {
      for (const location of resources('Location', code)) SpecLocation.parse(location);
      for (const schedule of resources('Schedule', code)) SpecSchedule.parse(schedule);
      for (const slot of resources('Slot', code)) SpecSlot.parse(slot);
    }
    expect(resources('Slot', '35').length).toBeGreaterThan(0);
  });

  it('writes every timestamp to the second with an offset', () => {
    const found: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) found.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(smartManifestBody(app, ORIGIN));
    for (const type of ['Location', 'Schedule', 'Slot'] as const) walk(resources(type, '35'));
    walk(resources('Slot', '971'));
    expect(found.length).toBeGreaterThan(5);
    for (const timestamp of found) expect(SpecTimestamp.safeParse(timestamp).success, timestamp).toBe(true);
  });

  it('keeps the centre id and the source id as identifiers, with the booking link through /go', () => {
    const location = byId('Location', '35', 'demo-0130');
    const centre = app.centres.byId('demo-0130');
    expect(location.identifier).toEqual([
      { system: SMART_CENTRE_ID_SYSTEM, value: 'demo-0130' },
      { system: SOURCE_ID_SYSTEMS.demo, value: centre?.source.id },
    ]);
    expect(location.telecom).toContainEqual({ system: 'url', value: `${ORIGIN}/go/demo-0130` });
    expect(location.address).toMatchObject({
      state: '35',
      postalCode: centre?.address.postcode,
      country: 'FR',
    });
  });

  it('says some, none or unknown on every Schedule, with lastSourceSync from the last good check', () => {
    const has = (id: string) => {
      const schedule = byId('Schedule', '35', id);
      return (schedule.extension as Json[]).find((e) => e.url === SPEC_EXTENSIONS.hasAvailability)?.valueCode;
    };
    expect(has('demo-0129')).toBe('some');
    expect(has('demo-0130')).toBe('none');
    // Issue 12: a failed last check is `unknown`, never the last good `none`.
    expect(has('demo-0131')).toBe('unknown');
    expect(has('demo-0132')).toBe('unknown');
    expect(has('demo-0133')).toBe('unknown');
    expect(byId('Schedule', '35', 'demo-0131').meta).toEqual({
      extension: [{ url: SPEC_EXTENSIONS.lastSourceSync, valueDateTime: '2021-04-20T09:00:00+02:00' }],
    });
    expect(byId('Schedule', '35', 'demo-0132').meta).toBeUndefined();
  });

  it('publishes one free Slot per day with that day’s count as capacity, from the next slot or the day’s start', () => {
    const slots = resources('Slot', '35').filter(
      (s) => (s.schedule as Json).reference === 'Schedule/demo-0129',
    );
    expect(slots.map((s) => [s.start, s.end, s.status])).toEqual([
      ['2021-04-21T10:30:00+02:00', '2021-04-22T00:00:00+02:00', 'free'],
      ['2021-04-22T00:00:00+02:00', '2021-04-23T00:00:00+02:00', 'free'],
    ]);
    expect(slots[0]?.extension).toEqual([
      { url: SPEC_EXTENSIONS.bookingDeepLink, valueUrl: `${ORIGIN}/go/demo-0129` },
      { url: SPEC_EXTENSIONS.bookingPhone, valueString: '0299000000' },
      { url: SPEC_EXTENSIONS.slotCapacity, valueInteger: 5 },
    ]);
  });

  it('leaves out days already over', () => {
    // A two-day-old value is expired under the default limit: only a long limit keeps it shown.
    configureKnowledge({ expire_after_s: 7 * 86_400 });
    try {
      const slots = resources('Slot', '35').filter(
        (s) => (s.schedule as Json).reference === 'Schedule/demo-0128',
      );
      expect(slots.map((s) => s.id)).toEqual(['demo-0128.2021-04-20']);
    } finally {
      configureKnowledge({ expire_after_s: DEFAULT_EXPIRE_AFTER_S });
    }
  });

  it('publishes no Slot and has-availability unknown for a value past the limit', () => {
    const slots = resources('Slot', '35').filter(
      (s) => (s.schedule as Json).reference === 'Schedule/demo-0128',
    );
    expect(slots).toEqual([]);
    const schedule = byId('Schedule', '35', 'demo-0128');
    expect((schedule.extension as Json[])[0]?.valueCode).toBe('unknown');
  });

  it('writes an overseas centre’s slots with its own offset', () => {
    const [slot] = resources('Slot', '971').filter(
      (s) => (s.schedule as Json).reference === `Schedule/${overseasId}`,
    );
    expect([slot?.start, slot?.end]).toEqual(['2021-04-20T14:00:00-04:00', '2021-04-21T00:00:00-04:00']);
  });

  it('finds the start of a local day across daylight-saving changes', () => {
    expect(new Date(zonedDayStartMs('2021-03-28', 'Europe/Paris')).toISOString()).toBe(
      '2021-03-27T23:00:00.000Z',
    );
    expect(new Date(zonedDayStartMs('2021-03-29', 'Europe/Paris')).toISOString()).toBe(
      '2021-03-28T22:00:00.000Z',
    );
    expect(new Date(zonedDayStartMs('2021-10-31', 'Europe/Paris')).toISOString()).toBe(
      '2021-10-30T22:00:00.000Z',
    );
  });
});

describe('SMART publication over HTTP handlers', () => {
  it('serves NDJSON as application/fhir+ndjson, the manifest as JSON, with max-age and ETag/304', async () => {
    const slots = smartFile(app, new Request(`${ORIGIN}/smart/slots-35.ndjson`), 'Slot', '35');
    expect(slots.headers.get('content-type')).toBe('application/fhir+ndjson');
    expect(slots.headers.get('cache-control')).toMatch(/max-age=120\b/);
    const lines = (await slots.text()).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(resources('Slot', '35'));
    const etag = slots.headers.get('etag') ?? '';
    const again = smartFile(
      app,
      new Request(`${ORIGIN}/smart/slots-35.ndjson`, { headers: { 'if-none-match': etag } }),
      'Slot',
      '35',
    );
    expect(again.status).toBe(304);
    const manifest = smartManifest(app, new Request(`${ORIGIN}/smart/$bulk-publish`));
    expect(manifest.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('round trip through Créneau’s own smart adapter', () => {
  /** The adapter's fetch, answered by the publication's handlers in this process. */
  const fetchPublication: FetchLike = async (input, init) => {
    const request = new Request(String(input), init);
    const { pathname } = new URL(request.url);
    if (pathname === '/smart/$bulk-publish') return smartManifest(app, request);
    const match = /^\/smart\/(locations|schedules|slots)-(\w+)\.ndjson$/.exec(pathname);
    const type = ({ locations: 'Location', schedules: 'Schedule', slots: 'Slot' } as const)[
      (match?.[1] ?? 'slots') as 'slots'
    ];
    return match ? smartFile(app, request, type, match[2]) : new Response('', { status: 404 });
  };

  it('reads the same status, slot count, days and booking link back for every centre of two départements', async () => {
    const ctx = createAdapterContext(smart, {
      settings: { base_url: `${ORIGIN}/smart` },
      fetch: fetchPublication,
      now: () => NOW,
      centres: () => app.centres.all(),
      rateLimit: false,
    });
    const centres = [...app.centres.inDepartement('35'), ...app.centres.inDepartement('971')];
    for (const centre of centres) {
      const published = publicAvailability(states.get(centre.id), NOW);
      const read = await smart.fetchAvailability(centre, ctx);
      const expected =
        published.status === 'phone_only' || !published.valid_at ? 'unknown' : published.status;
      const pastDays = centre.id === 'demo-0128' ? { '2021-04-19': 2 } : {};
      const perDay = Object.fromEntries(
        Object.entries(published.per_day ?? {}).filter(([day]) => !(day in pastDays)),
      );
      expect({ id: centre.id, status: read.status, per_day: read.per_day }).toEqual({
        id: centre.id,
        status: expected,
        per_day: perDay,
      });
      expect(read.slot_count).toBe(Object.values(perDay).reduce((sum, n) => sum + n, 0));
      expect(read.error).toBeNull();
      if (centre.booking.url) expect(read.booking_url).toBe(`${ORIGIN}/go/${centre.id}`);
    }
  });
});
