import { describe, expect, it } from 'vitest';
import { takeSample } from '../../../src/stats/figures.ts';
import { platformShares } from '../../../src/stats/shares.ts';
import { centreIn, fakeView, NOW, stateOf } from '../../fixtures/stats/view.ts';

// Rennes (35): two Doctolib centres with slots, one Maiia centre with none, one never polled.
// Brest (29): one Keldoc centre with slots but an old answer, one phone-only centre.
const centres = [
  centreIn('a', '35', 'doctolib'),
  centreIn('b', '35', 'doctolib'),
  centreIn('c', '35', 'maiia'),
  centreIn('d', '35', 'other'),
  centreIn('e', '29', 'keldoc'),
  centreIn('f', '29', 'none'),
];
const view = fakeView([
  stateOf('a', 'some', 12),
  stateOf('b', 'some', 30),
  stateOf('c', 'none', 0),
  stateOf('e', 'some', 7, 3600),
  stateOf('f', 'phone_only', 0),
]);

describe('takeSample', () => {
  const sample = takeSample(view, centres, NOW);

  it('counts centres, centres with slots and slots nationally', () => {
    expect(sample.at).toBe(NOW.toISOString());
    expect(sample.france).toMatchObject({ centres: 6, centres_with_slots: 3, slots: 49 });
  });

  it('counts never-polled centres as unknown and old answers as stale', () => {
    expect(sample.france.centres_unknown).toBe(1);
    expect(sample.france.centres_stale).toBe(1);
  });

  it('gives each département its own totals', () => {
    expect([...sample.departements.keys()].sort()).toEqual(['29', '35']);
    expect(sample.departements.get('35')).toMatchObject({
      centres: 4,
      centres_with_slots: 2,
      slots: 42,
      centres_unknown: 1,
      centres_stale: 0,
    });
    expect(sample.departements.get('29')).toMatchObject({
      centres: 2,
      centres_with_slots: 1,
      slots: 7,
      centres_stale: 1,
    });
  });

  it('splits centres and slots by booking platform', () => {
    expect(sample.departements.get('35')?.platforms).toEqual({
      doctolib: { centres: 2, slots: 42 },
      maiia: { centres: 1, slots: 0 },
      other: { centres: 1, slots: 0 },
    });
    expect(sample.france.platforms.keldoc).toEqual({ centres: 1, slots: 7 });
    expect(sample.france.platforms.none).toEqual({ centres: 1, slots: 0 });
  });

  it('does not count the slots of a centre the provider says has none', () => {
    // A provider answering `none` with a count: `hasSlots` is what the site shows, so nothing counts.
    const odd = fakeView([stateOf('a', 'none', 5)]);
    const only = takeSample(odd, [centreIn('a', '35', 'doctolib')], NOW);
    expect(only.france).toMatchObject({ centres_with_slots: 0, slots: 0 });
  });
});

describe('platformShares', () => {
  it('gives each platform its share of centres and of slots, most centres first', () => {
    const shares = platformShares(
      takeSample(view, centres, NOW).departements.get('35') ?? takeSample(view, [], NOW).france,
    );
    expect(shares.map((s) => s.platform)).toEqual(['doctolib', 'maiia', 'other']);
    expect(shares[0]).toEqual({
      platform: 'doctolib',
      centres: 2,
      slots: 42,
      centres_share: 0.5,
      slots_share: 1,
    });
    expect(shares[1]).toMatchObject({ centres_share: 0.25, slots_share: 0 });
  });

  it('has no slot share when there are no slots at all', () => {
    const empty = takeSample(fakeView([]), [centreIn('z', '35', 'doctolib')], NOW);
    expect(platformShares(empty.france)).toEqual([
      { platform: 'doctolib', centres: 1, slots: 0, centres_share: 1, slots_share: null },
    ]);
  });
});
