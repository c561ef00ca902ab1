import { describe, expect, it } from 'vitest';
import type { Centre } from '../../../src/registry/centre.ts';
import { createCentreIndex } from '../../../src/registry/centre-index.ts';
import { makeCentre } from '../../fixtures/world.ts';

const at = (id: string, lat: number, extra: Partial<Centre> = {}) =>
  makeCentre({
    id,
    departement: '35',
    commune: { insee: '35238', name: 'Rennes' },
    address: { lines: ['1 rue de la Paix'], postcode: '35000' },
    location: { lat, lon: -1.68, precision: 'address' },
    ...extra,
  });

const centres = [
  at('open', 48.1),
  at('closed', 48.101, { closed: true }),
  at('closing', 48.102, { closes_on: '2021-05-31' }),
  at('later', 48.103, { opens_on: '2021-06-15' }),
  at('reserved', 48.104, { health_professionals_only: true }),
  at('duplicate', 48.105, { duplicate_of: 'open' }),
];

describe('the centre index as the public view', () => {
  const clock = { now: new Date('2021-05-31T12:00:00+02:00') };
  const index = createCentreIndex(centres, { now: () => clock.now });
  const idsOf = (list: readonly { id: string }[]) => list.map((c) => c.id);

  it('lists open and opening centres only, in every lookup, and finds every centre by id', () => {
    const listed = ['open', 'closing', 'later'];
    expect(idsOf(index.all())).toEqual(listed);
    expect(idsOf(index.inDepartement('35'))).toEqual(listed);
    expect(idsOf(index.inCommune('35238'))).toEqual(listed);
    expect(idsOf(index.withPostcode('35000'))).toEqual(listed);
    expect(idsOf(index.near({ lat: 48.1, lon: -1.68 }, { radiusKm: 5 }).map((hit) => hit.centre))).toEqual(
      listed,
    );
    for (const centre of centres) expect(index.byId(centre.id)).toBe(centre);
    expect(index.size).toBe(centres.length);
  });

  it('cuts `near` to its limit after leaving hidden centres out', () => {
    const hits = index.near({ lat: 48.1, lon: -1.68 }, { radiusKm: 5, limit: 2 });
    expect(idsOf(hits.map((hit) => hit.centre))).toEqual(['open', 'closing']);
  });

  it('adds the reserved centres with withReserved(), nothing else', () => {
    expect(idsOf(index.withReserved().all())).toEqual(['open', 'closing', 'later', 'reserved']);
    expect(index.withReserved().withReserved()).toBe(index.withReserved());
  });

  it('keeps the same list for the day and moves listingKey() when the day changes', () => {
    const key = index.listingKey();
    const list = index.all();
    clock.now = new Date('2021-05-31T23:59:00+02:00');
    expect(index.listingKey()).toBe(key);
    expect(index.all()).toBe(list);
    clock.now = new Date('2021-06-01T00:01:00+02:00');
    expect(index.listingKey()).not.toBe(key);
    expect(idsOf(index.all())).toEqual(['open', 'later']);
  });
});
