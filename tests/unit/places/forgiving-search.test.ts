import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../src/places/forgiving-search.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';

const gazetteer = getGazetteer();
const first = (query: string) => gazetteer.suggest(query, 3)[0];

describe('a search that forgives', () => {
  it('finds a commune despite a missing, doubled or swapped letter', () => {
    expect(first('Renes')?.insee).toBe('35238');
    expect(first('Rnenes')?.insee).toBe('35238');
    expect(first('Bordaux')?.insee).toBe('33063');
    expect(first('Sian Malo')?.insee).toBe('35288');
  });

  it('keeps exact prefixes and abbreviations first', () => {
    expect(first('Renne')?.insee).toBe('35238');
    expect(first('st malo')?.insee).toBe('35288');
    expect(first('Lyon')?.name).toBe('Lyon');
  });

  it('reads the commune out of a name with its postcode, in either order', () => {
    expect(first('Rennes 35000')).toMatchObject({ insee: '35238', postcodes: ['35000'] });
    expect(first('35200 Rennes')).toMatchObject({ insee: '35238', postcodes: ['35200'] });
  });

  it('reads the commune out of a street address', () => {
    expect(first('12 rue de la Paix, Rennes')?.insee).toBe('35238');
    expect(first('12 rue de la Paix 35000 Rennes')?.insee).toBe('35238');
    expect(first('12 rue de la paix rennes')?.insee).toBe('35238');
  });

  it('still finds nothing for words that are no place', () => {
    expect(gazetteer.suggest('xyzzy')).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps, up to a limit', () => {
    expect(editDistance('renes', 'rennes', 2)).toBe(1);
    expect(editDistance('rnenes', 'rennes', 2)).toBe(1);
    expect(editDistance('bordaux', 'bordeaux', 2)).toBe(1);
    expect(editDistance('paris', 'lyon', 2)).toBe(3);
  });
});
