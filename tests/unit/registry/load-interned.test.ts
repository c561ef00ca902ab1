import { describe, expect, it } from 'vitest';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import { generateDemoRegistry } from '../../../src/registry/demo.ts';
import { internStrings } from '../../../src/registry/load-interned.ts';
import { RegistryFile } from '../../../src/registry/registry-file.ts';

describe('internStrings', () => {
  it('gives back the same registry, equal value for value', () => {
    const registry = generateDemoRegistry(getGazetteer(), { count: 300 });
    const parsed = RegistryFile.parse(JSON.parse(JSON.stringify(registry)));
    const expected = structuredClone(parsed);
    expect(internStrings(parsed)).toBe(parsed);
    expect(parsed).toEqual(expected);
  });

  it('walks nested objects and arrays, leaves other values and long strings alone', () => {
    const long = 'x'.repeat(200);
    const value = JSON.parse(
      JSON.stringify({ a: ['fermé', { b: 'fermé', n: 1, z: null, t: true }], c: [[long]], d: 'fermé' }),
    );
    internStrings(value);
    expect(value).toEqual({ a: ['fermé', { b: 'fermé', n: 1, z: null, t: true }], c: [[long]], d: 'fermé' });
    expect(internStrings(null)).toBeNull();
    expect(internStrings('fermé')).toBe('fermé');
  });
});
