import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../../src/operators/overrides/apply.ts';
import { createLiveCentres } from '../../../src/operators/overrides/live-centres.ts';
import type { Override } from '../../../src/operators/overrides/override.ts';
import type { Centre } from '../../../src/registry/centre.ts';
import { importOfficial } from '../../../src/registry/import/import-official.ts';
import { fakeCommunes } from '../import/fake-communes.ts';

// Issue 14, point 4: the operators' decisions, keyed by gid (or a discovered centre's platform key),
// applied on top of each import of the official file.

const NOW = new Date('2026-03-01T10:00:00Z');

async function imported(): Promise<Centre[]> {
  const bytes = await readFile(
    new URL('../../fixtures/csv/lifecycle-reserved-duplicates.csv', import.meta.url),
  );
  const { registry } = importOfficial(bytes, { source: 'fixture', communes: fakeCommunes(), now: () => NOW });
  if (!registry) throw new Error('fixture did not import');
  return registry.centres;
}

const at = NOW.toISOString();
const override = (key: string, rest: Partial<Override>): Override => ({
  key,
  fields: {},
  updated_at: at,
  updated_by: 'alice',
  ...rest,
});

const discovered: Centre = {
  id: 'keldoc-cabinet-77',
  name: 'Centre trouvé sur Keldoc',
  address: { lines: ['1 rue Neuve'], postcode: '35000' },
  commune: { insee: '35238', name: 'Rennes' },
  departement: '35',
  location: { lat: 48.11, lon: -1.68, precision: 'address' },
  booking: { url: 'https://vaccination-covid.keldoc.com/centre/77', platform: 'keldoc' },
  phones: [],
  opening_hours: {},
  accessible: null,
  opens_on: null,
  closes_on: null,
  closed: null,
  duplicate_of: null,
  notes: null,
  health_professionals_only: null,
  source: { kind: 'discovery', id: 'platform:keldoc:77', updated_at: null },
};

describe('applyOverrides', () => {
  it('changes exactly the fields decided, by gid, and leaves every other centre as imported', async () => {
    const centres = await imported();
    const before = centres.find((centre) => centre.source.id === '5003');
    expect(before?.phones[0]).not.toBe('+33299123456');
    const {
      centres: out,
      applied,
      orphaned,
    } = applyOverrides(centres, [
      override('5003', {
        fields: { phone: '02 99 12 34 56', notes: 'Entrée par le parking', booking_url: null },
      }),
    ]);
    const after = out.find((centre) => centre.source.id === '5003');
    expect(after?.phones[0]).toBe('+33299123456');
    expect(after?.phone_details?.[0]).toMatchObject({ display: '02 99 12 34 56', column: 'operateur' });
    expect(after?.notes).toBe('Entrée par le parking');
    expect(after?.booking).toEqual({ url: null, platform: 'none' });
    expect(applied).toEqual(['5003']);
    expect(orphaned).toEqual([]);
    const untouched = (list: Centre[]) => list.filter((centre) => centre.source.id !== '5003');
    expect(untouched(out)).toEqual(untouched(centres));
    // The imported centres themselves are never changed.
    expect(centres.find((centre) => centre.source.id === '5003')).toEqual(before);
  });

  it('closes, reopens, hides, merges and splits', async () => {
    const centres = await imported();
    const idOf = (gid: string) => centres.find((centre) => centre.source.id === gid)?.id;
    const closedOne = centres.find((centre) => centre.closed === true || centre.closes_on !== null);
    expect(closedOne).toBeDefined();
    const duplicate = centres.find((centre) => centre.duplicate_of);
    expect(duplicate).toBeDefined();
    const { centres: out } = applyOverrides(centres, [
      override('5001', { closed: true }),
      override(closedOne?.source.id ?? '', { closed: false }),
      override('5009', { hidden: true }),
      override('5011', { duplicate_of: '5010' }),
      override(duplicate?.source.id ?? '', { duplicate_of: null }),
    ]);
    const find = (gid: string) => out.find((centre) => centre.source.id === gid);
    expect(find('5001')?.closed).toBe(true);
    expect(find(closedOne?.source.id ?? '')).toMatchObject({ closed: false, closes_on: null });
    expect(find('5009')).toBeUndefined();
    expect(find('5011')?.duplicate_of).toBe(idOf('5010'));
    expect(find(duplicate?.source.id ?? '')?.duplicate_of).toBeNull();
  });

  it('adds an accepted discovered centre, and reports overrides whose row disappeared', async () => {
    const centres = await imported();
    const {
      centres: out,
      applied,
      orphaned,
    } = applyOverrides(centres, [
      override('platform:keldoc:77', { centre: discovered }),
      override('9999', { closed: true }),
    ]);
    expect(out).toHaveLength(centres.length + 1);
    expect(out.find((centre) => centre.id === discovered.id)).toEqual(discovered);
    expect(applied).toEqual(['platform:keldoc:77']);
    expect(orphaned).toEqual(['9999']);
  });

  it('gives the same result on a re-import: idempotent over freshly imported centres', async () => {
    const overrides = [
      override('5003', { fields: { phone: '02 99 12 34 56' } }),
      override('platform:keldoc:77', { centre: discovered }),
    ];
    const first = applyOverrides(await imported(), overrides);
    const second = applyOverrides(await imported(), overrides);
    expect(second).toEqual(first);
  });
});

describe('createLiveCentres', () => {
  it('serves the overrides applied, and moves its listing key on each change so memoised answers rebuild', async () => {
    const centres = await imported();
    const live = createLiveCentres(centres, [], { now: () => NOW });
    const key = live.listingKey();
    expect(live.byId(discovered.id)).toBeUndefined();
    live.apply([override('platform:keldoc:77', { centre: discovered })]);
    expect(live.listingKey()).not.toBe(key);
    expect(live.byId(discovered.id)?.name).toBe(discovered.name);
    expect(live.all().map((centre) => centre.id)).toContain(discovered.id);
    expect(live.near({ lat: 48.11, lon: -1.68 }, { radiusKm: 1 }).map((hit) => hit.centre.id)).toContain(
      discovered.id,
    );
    expect(live.withReserved().listingKey()).toBe(live.listingKey());
    expect(live.imported()).toBe(centres);
  });
});
