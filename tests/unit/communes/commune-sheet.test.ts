import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/app-context.ts';
import { loadAppContext } from '../../../src/app/app-context.ts';
import type { AvailabilityView } from '../../../src/availability/availability-view.ts';
import { communeSheet, phoneOnlyFirst, sheetSummary } from '../../../src/communes/commune-sheet.ts';
import { embedList } from '../../../src/communes/embed-list.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { booksByPhoneOnly } from '../../../src/registry/centre.ts';
import { generateDemoRegistry } from '../../../src/registry/demo.ts';

const NOW = new Date('2021-01-18T09:00:00Z');
let app: AppContext;
const states = new Map<string, CentreState>();

function someSlots(centreId: string, slotCount: number): CentreState {
  return {
    centre_id: centreId,
    provider: 'maiia',
    availability: {
      provider: 'maiia',
      status: 'some',
      next_slot: '2021-01-19T13:30:00Z',
      slot_count: slotCount,
      per_day: { '2021-01-19': slotCount },
      // Two people need two slots in the same half-day: all of them in the afternoon here.
      per_day_period: { '2021-01-19': { morning: 0, afternoon: slotCount, evening: 0 } },
      per_dose: { first: slotCount, second: 0, booster: 0, unknown: 0 },
      per_vaccine: {},
      booking_url: null,
      booking_phone: null,
      checked_at: '2021-01-18T08:58:00Z',
      horizon_days: 14,
      error: null,
    },
    checked_at: '2021-01-18T08:58:00Z',
    valid_at: '2021-01-18T08:58:00Z',
    changed_at: '2021-01-18T08:58:00Z',
    last_error: null,
    consecutive_failures: 0,
    held_back: null,
    next_due_at: '2021-01-18T09:00:00Z',
    expected_interval_s: 120,
  };
}

beforeAll(async () => {
  const registry = generateDemoRegistry(getGazetteer());
  const availability = { state: (id: string) => states.get(id), version: '1' } as unknown as AvailabilityView;
  app = await loadAppContext({ registry, availability });
});

describe('communeSheet', () => {
  it('lists the centres around Rennes nearest first, without those reserved for health professionals', () => {
    const sheet = communeSheet(app, '35238', { now: NOW });
    expect(sheet?.radiusKm).toBe(30);
    expect(sheet?.widenedFrom).toBeNull();
    const distances = sheet?.entries.map((entry) => entry.distanceKm ?? Number.POSITIVE_INFINITY) ?? [];
    expect(distances.length).toBeGreaterThanOrEqual(3);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances.every((km) => km <= 30)).toBe(true);
    expect(sheet?.entries.some((entry) => entry.centre.health_professionals_only)).toBe(false);
    const everyone = app.centres.near(sheet?.commune.location ?? { lat: 0, lon: 0 }, { radiusKm: 30 });
    const professionals = everyone.filter((hit) => hit.centre.health_professionals_only === true).length;
    expect(sheet?.professionalsOnly).toBe(professionals);
    expect(sheet?.entries.length).toBe(everyone.length - professionals);
  });

  it('honours ?rayon= without widening it', () => {
    const sheet = communeSheet(app, '35047', { radiusKm: 1, now: NOW }); // Bruz: its centres are in Rennes
    expect(sheet?.radiusKm).toBe(1);
    expect(sheet?.widenedFrom).toBeNull();
    // The commune's own centres always count, however far from its reference point.
    const outside = sheet?.entries.filter((entry) => entry.centre.commune.insee !== '35047') ?? [];
    expect(outside.every((entry) => (entry.distanceKm ?? 0) <= 1)).toBe(true);
    expect(sheet?.entries.length).toBeLessThan(communeSheet(app, '35047', { now: NOW })?.entries.length ?? 0);
  });

  it('widens the default circle for a commune with too few centres, listing only the nearest few', () => {
    const sheet = communeSheet(app, '35288', { now: NOW }); // Saint-Malo: no demo centre within 30 km
    expect(sheet?.widenedFrom).toBe(30);
    expect(sheet?.radiusKm).toBeGreaterThan(30);
    expect(sheet?.entries.length).toBeGreaterThanOrEqual(3);
    expect(sheet?.entries.length).toBeLessThanOrEqual(8);
    expect(sheetSummary(sheet ?? expect.fail('no sheet'))).toMatch(/^Trop peu de centres à moins de 30 km/);
  });

  it('includes centres across the département border and names their département', () => {
    const sheet = communeSheet(app, '35236', { radiusKm: 60, now: NOW }); // Redon, where 35, 44 and 56 meet
    const elsewhere = sheet?.entries.filter((entry) => entry.centre.departement !== '35') ?? [];
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const entry of elsewhere) expect(entry.otherDepartement).toContain(`(${entry.centre.departement})`);
    for (const entry of sheet?.entries ?? [])
      if (entry.centre.departement === '35') expect(entry.otherDepartement).toBeNull();
  });

  it('puts phone-only centres first in accompagnant mode, each group still nearest first', () => {
    const plain = communeSheet(app, '44109', { now: NOW }); // Nantes has phone-only centres in the demo
    const helper = communeSheet(app, '44109', { accompagnant: true, now: NOW });
    const phoneOnly = plain?.entries.filter((entry) => booksByPhoneOnly(entry.centre)) ?? [];
    expect(phoneOnly.length).toBeGreaterThan(0);
    expect(helper?.entries.slice(0, phoneOnly.length).map((e) => e.centre.id)).toEqual(
      phoneOnly.map((e) => e.centre.id),
    );
    expect(helper?.entries.map((e) => e.centre.id).sort()).toEqual(
      plain?.entries.map((e) => e.centre.id).sort(),
    );
    expect(phoneOnlyFirst([{ centre: phoneOnly[0]?.centre ?? expect.fail() }])).toHaveLength(1);
  });

  it('tells how to book, and whether two people could book now', () => {
    const sheet = communeSheet(app, '35238', { now: NOW });
    const online = sheet?.entries.find((entry) => entry.howToBook.kind === 'online');
    if (!online) return expect.fail('no online centre near Rennes');
    expect(online.howToBook).toMatchObject({ kind: 'online', link: `/go/${online.centre.id}` });
    states.set(online.centre.id, someSlots(online.centre.id, 2));
    const again = communeSheet(app, '35238', { now: NOW })?.entries.find(
      (e) => e.centre.id === online.centre.id,
    );
    expect(again?.enoughForTwo).toBe(true);
    expect(again?.text.headline).toBe('2 créneaux');
    states.set(online.centre.id, someSlots(online.centre.id, 1));
    expect(
      communeSheet(app, '35238', { now: NOW })?.entries.find((e) => e.centre.id === online.centre.id)
        ?.enoughForTwo,
    ).toBe(false);
    states.clear();
  });

  it('returns null for a code no commune has', () => {
    expect(communeSheet(app, '99999', { now: NOW })).toBeNull();
  });
});

describe('embedList', () => {
  it('lists a département’s public centres by commune, without distances', () => {
    const list = embedList(app, { kind: 'departement', code: '35' }, NOW);
    const communes = list?.entries.map((entry) => entry.centre.commune.name ?? '') ?? [];
    expect(communes.length).toBeGreaterThan(3);
    expect(communes).toEqual([...communes].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(
      list?.entries.every((entry) => entry.distanceKm === null && entry.centre.departement === '35'),
    ).toBe(true);
    expect(embedList(app, { kind: 'departement', code: '00' }, NOW)).toBeNull();
  });
});
