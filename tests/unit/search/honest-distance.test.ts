import { describe, expect, it } from 'vitest';
import { helplineFrom, NATIONAL_HELPLINE, resolveHelpline } from '../../../src/config/helpline.ts';
import { loadConfig } from '../../../src/config/load-config.ts';
import { APPROXIMATE_UNDER_KM, distanceText, formatDistance } from '../../../src/format/format.ts';
import { en } from '../../../src/i18n/en.ts';
import { fr } from '../../../src/i18n/fr.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import { loadPlaces, loadPlaces500 } from '../../../src/places/load-communes.ts';

/** Issue 15, point 3 (honest distances, a better position source) and the helpline of point 1. */

describe('a distance from an estimated position', () => {
  it('is never an exact figure under 5 km, and is said to be approximate', () => {
    for (const km of [0.2, 0.992, 2.35, 4.99]) {
      expect(distanceText(km, true, fr)).toBe('à moins de 5 km (distance approximative)');
      expect(distanceText(km, true, en)).toBe('less than 5 km away (approximate distance)');
      expect(formatDistance(km, undefined, { approximate: true })).toBe(
        'à moins de 5 km (distance approximative)',
      );
    }
    expect(APPROXIMATE_UNDER_KM).toBe(5);
  });

  it('is a whole number of km above, "environ"', () => {
    expect(distanceText(12.44, true, fr)).toBe('à environ 12 km (distance approximative)');
    expect(distanceText(5, true, fr)).toBe('à environ 5 km (distance approximative)');
    expect(distanceText(12.6, true, en)).toBe('about 13 km away (approximate distance)');
  });

  it('stays exact from a known position', () => {
    expect(distanceText(0.992, false, fr)).toBe('à 992 m');
    expect(distanceText(2.35, false, fr)).toBe('à 2,4 km');
    expect(distanceText(2.35, false, en)).toBe('2.4 km away');
    expect(formatDistance(0.992)).toBe('à 992 m');
    expect(distanceText(null, true, fr)).toBeNull();
  });
});

describe('commune positions', () => {
  it('come from GeoNames cities500 too: far more French places than cities1000 alone', () => {
    const inFrance = (places: ReturnType<typeof loadPlaces>) =>
      places.filter((p) => p.country === 'FR').length;
    const cities1000 = inFrance(loadPlaces());
    const cities500 = inFrance(loadPlaces500());
    expect(cities500).toBeGreaterThan(14_000);
    expect(cities500).toBeGreaterThan(cities1000 * 1.4);
  });

  it('place far more communes from a source, fewer by estimate', () => {
    const gazetteer = getGazetteer();
    const located = gazetteer.communes.filter((c) => !c.location.approximate).length;
    // Before issue 15 (cities1000 only): 8,640 of 34,924.
    expect(located).toBeGreaterThan(14_000);
    // Zimmerbach (Haut-Rhin, ~900 people) is under cities1000's threshold, in cities500.
    expect(loadPlaces().some((place) => place.insee === '68385')).toBe(false);
    expect(gazetteer.commune('68385')?.location.approximate).toBe(false);
    // Jeugny (Aube) is in neither: still estimated, and said so wherever a distance is shown.
    expect(gazetteer.commune('10179')?.location.approximate).toBe(true);
  });

  it('give each département its neighbours, for the widened search', () => {
    const gazetteer = getGazetteer();
    expect(gazetteer.neighbouringDepartements('35')).toEqual(['22', '44', '49', '50', '53', '56']);
    expect(gazetteer.neighbouringDepartements('10')).toEqual(['21', '51', '52', '77', '89']);
    expect(gazetteer.neighbouringDepartements('2a')).toEqual(['2B']);
    expect(gazetteer.neighbouringDepartements('75')).toEqual(['92', '93', '94']);
    expect(gazetteer.neighbouringDepartements('974')).toEqual([]);
    expect(gazetteer.neighbouringDepartements('99')).toEqual([]);
  });
});

describe('CRENEAU_HELPLINE', () => {
  it('is the national free number unless the operator gives theirs, written as the French write it', () => {
    expect(resolveHelpline({})).toEqual({ helpline: helplineFrom(NATIONAL_HELPLINE), problems: [] });
    expect(resolveHelpline({}).helpline).toMatchObject({
      label: '0 800 009 110',
      href: 'tel:+33800009110',
      free: true,
    });
    expect(resolveHelpline({ CRENEAU_HELPLINE: '02 99 00 00 00' }).helpline).toMatchObject({
      label: '02 99 00 00 00',
      href: 'tel:+33299000000',
      free: false,
    });
    expect(resolveHelpline({ CRENEAU_HELPLINE: '+33 805 12 34 56' }).helpline?.label).toBe('0 805 123 456');
    expect(resolveHelpline({ CRENEAU_HELPLINE: 'off' }).helpline).toBeNull();
  });

  it('refuses a value that is not a phone number, and the start with it', async () => {
    const bad = resolveHelpline({ CRENEAU_HELPLINE: 'appelez-nous' });
    expect(bad.helpline).toBeNull();
    expect(bad.problems[0]).toMatch(/^CRENEAU_HELPLINE="appelez-nous": expected a phone number/);
    await expect(loadConfig({ env: { CRENEAU_HELPLINE: 'appelez-nous' } })).rejects.toThrow(
      /CRENEAU_HELPLINE/,
    );
  });
});
