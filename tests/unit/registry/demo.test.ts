import { beforeAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../../src/geo/distance.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import type { Gazetteer } from '../../../src/places/types.ts';
import { bookingPlatformOf } from '../../../src/registry/booking-platform.ts';
import { booksByPhoneOnly, Centre } from '../../../src/registry/centre.ts';
import { DEMO_BOOKING_MIX, generateDemoRegistry } from '../../../src/registry/demo.ts';
import type { RegistryFile } from '../../../src/registry/registry-file.ts';

let gazetteer: Gazetteer;
let registry: RegistryFile;
beforeAll(() => {
  gazetteer = getGazetteer();
  registry = generateDemoRegistry(gazetteer);
});

const share = (predicate: (centre: Centre) => boolean) =>
  registry.centres.filter(predicate).length / registry.centres.length;

/** ARCEP's blocks for works of fiction (décision 2018-0881, § 2.5.12). */
const FICTION_NUMBER = /^0(199 ?00|261 ?91|353 ?01|465 ?71|536 ?49)\d{4}$/;

describe('generateDemoRegistry', () => {
  it('gives the same bytes for the same seed, and other centres for another seed', () => {
    const again = generateDemoRegistry(gazetteer);
    expect(JSON.stringify(again)).toBe(JSON.stringify(registry));
    const other = generateDemoRegistry(gazetteer, { seed: 7 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(registry));
    expect(JSON.stringify(generateDemoRegistry(gazetteer, { seed: 7 }))).toBe(JSON.stringify(other));
  });

  it('writes a demo registry file of about the requested size, every centre valid', () => {
    expect(registry).toMatchObject({ format: 'creneau-registry', version: 1, kind: 'demo', source: 'demo' });
    expect(registry.centres).toHaveLength(400);
    for (const centre of registry.centres) expect(Centre.safeParse(centre).success).toBe(true);
    expect(new Set(registry.centres.map((c) => c.id)).size).toBe(registry.centres.length);
    expect(generateDemoRegistry(gazetteer, { count: 600 }).centres).toHaveLength(600);
  });

  it('puts at least one centre in every département, and several in big cities', () => {
    const departements = new Set(registry.centres.map((c) => c.departement));
    for (const departement of gazetteer.departements()) expect(departements).toContain(departement.code);
    const inCity = (city: string) =>
      registry.centres.filter((c) => {
        const commune = gazetteer.commune(c.commune.insee ?? '');
        return commune?.insee === city || commune?.arrondissementOf === city;
      }).length;
    expect(inCity('35238')).toBeGreaterThanOrEqual(3);
    expect(inCity('75056')).toBeGreaterThanOrEqual(10);
    expect(inCity('13055')).toBeGreaterThanOrEqual(5);
  });

  it('keeps every department even when asked for fewer centres than départements', () => {
    const small = generateDemoRegistry(gazetteer, { count: 10 });
    expect(new Set(small.centres.map((c) => c.departement)).size).toBe(gazetteer.departements().length);
  });

  it('mixes booking platforms as the official list did', () => {
    const tolerance = 0.03;
    for (const platform of ['doctolib', 'maiia', 'keldoc', 'other'] as const) {
      expect(
        Math.abs(share((c) => c.booking.platform === platform) - DEMO_BOOKING_MIX[platform]),
      ).toBeLessThan(tolerance);
    }
    expect(Math.abs(share(booksByPhoneOnly) - DEMO_BOOKING_MIX.phone)).toBeLessThan(tolerance);
    const unbookable = (c: Centre) => c.booking.platform === 'none' && c.phones.length === 0;
    expect(Math.abs(share(unbookable) - DEMO_BOOKING_MIX.none)).toBeLessThan(tolerance);
    for (const centre of registry.centres.filter(unbookable)) expect(centre.notes).toBeTruthy();
  });

  it('shapes booking URLs like each platform’s public pages', () => {
    for (const { booking } of registry.centres) {
      expect(bookingPlatformOf(booking.url)).toBe(booking.platform);
      if (booking.platform === 'doctolib') {
        expect(booking.url).toMatch(
          /^https:\/\/partners\.doctolib\.fr\/centre-de-sante\/[a-z0-9-]+\/[a-z0-9-]+\?pid=practice-\d+&enable_cookies_consent=1$/,
        );
      }
      if (booking.platform === 'maiia') {
        expect(booking.url).toMatch(
          /^https:\/\/www\.maiia\.com\/centre-de-vaccination\/\d{5}-[a-z0-9-]+\/[a-z0-9-]+\?centerid=[0-9a-f]{24}$/,
        );
      }
      if (booking.platform === 'keldoc') {
        expect(booking.url).toMatch(
          /^https:\/\/vaccination-covid\.keldoc\.com\/centre-hospitalier-regional\/[a-z0-9-]+-\d{5}\/[a-z0-9-]+\?specialty=144&cabinet=\d+$/,
        );
      }
    }
  });

  it('uses only phone numbers reserved for fiction', () => {
    const phones = registry.centres.flatMap((c) => c.phones);
    expect(phones.length).toBeGreaterThan(40);
    for (const phone of phones) expect(phone).toMatch(FICTION_NUMBER);
  });

  it('places each centre within 3 km of its real commune, with that commune’s postcode', () => {
    for (const centre of registry.centres) {
      const commune = gazetteer.commune(centre.commune.insee ?? '');
      expect(commune?.name).toBe(centre.commune.name);
      expect(commune?.departement).toBe(centre.departement);
      expect(commune?.postcodes).toContain(centre.address.postcode);
      expect(centre.location?.precision).toBe('address');
      expect(
        distanceKm(centre.location ?? { lat: 0, lon: 0 }, commune?.location ?? { lat: 90, lon: 0 }),
      ).toBeLessThanOrEqual(3);
    }
  });

  it('varies accessibility between true, false and unknown', () => {
    const values = new Set(registry.centres.map((c) => c.accessible));
    expect(values).toEqual(new Set([true, false, null]));
  });
});
