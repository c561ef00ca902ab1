import { describe, expect, it } from 'vitest';
import { searchKey } from '../../../src/places/normalise.ts';

describe('searchKey', () => {
  it('makes case, accents, hyphens, apostrophes and spaces equivalent', () => {
    expect(searchKey('Saint-Malo')).toBe(searchKey('saint malo'));
    expect(searchKey('ÉVREUX')).toBe(searchKey('évreux'));
    expect(searchKey("L'Haÿ-les-Roses")).toBe(searchKey('l hay les  roses'));
    expect(searchKey('L’Isle-Adam')).toBe(searchKey("l'isle adam"));
  });

  it('spells out St and Ste as whole words only', () => {
    expect(searchKey('ST-MALO')).toBe(searchKey('Saint-Malo'));
    expect(searchKey('Ste Foy')).toBe(searchKey('Sainte-Foy'));
    expect(searchKey('Stenay')).toBe('stenay');
  });

  it('writes ligatures as two letters', () => {
    expect(searchKey('Œuilly')).toBe('oeuilly');
  });
});
