import { describe, expect, it } from 'vitest';
import { doseFromText, vaccineFromText } from '../../src/adapters/classify.ts';
import { timeZoneOf } from '../../src/geo/time-zone.ts';
import { localDate, parseInstant, toZonedIso } from '../../src/shared/time.ts';

describe('motive classification', () => {
  it.each([
    ['1ère injection vaccin COVID-19 (Moderna)', 'first'],
    ['Vaccination Covid +12 ans 1ère Injection (INJ1)', 'first'],
    ['1ère injection seule (sans rappel) + 12 ans', 'first'],
    ['Première injection vaccin anti covid-19 (personnes +60 ans)', 'first'],
    ['2ème injection seule + 12 ans', 'second'],
    ['Deuxième injection', 'second'],
    ['Dose de rappel COVID-19', 'booster'],
    ['3ème injection', 'booster'],
    ['Dispositif CNAM - "Allez-vers" +de 75 ans', 'unknown'],
  ] as const)('reads %s as a %s dose', (name, dose) => {
    expect(doseFromText(name)).toBe(dose);
  });

  it('names the vaccine only when the motive does', () => {
    expect(vaccineFromText('Vaccination covid + 12 ans PFIZER')).toBe('Pfizer-BioNTech');
    expect(vaccineFromText('Injection unique vaccin COVID-19 (Janssen)')).toBe('Janssen');
    expect(vaccineFromText('1ère injection')).toBeNull();
  });
});

describe('time zones', () => {
  it('counts overseas centres in their own zone', () => {
    const zone = (departement: string) => timeZoneOf({ departement, address: { lines: [], postcode: null } });
    expect(zone('971')).toBe('America/Guadeloupe');
    expect(zone('973')).toBe('America/Cayenne');
    expect(zone('976')).toBe('Indian/Mayotte');
    expect(zone('75')).toBe('Europe/Paris');
    expect(localDate(Date.parse('2021-04-21T23:30:00Z'), 'Europe/Paris')).toBe('2021-04-22');
    expect(toZonedIso(Date.parse('2021-04-21T02:00:00Z'), 'America/Martinique')).toBe(
      '2021-04-20T22:00:00-04:00',
    );
  });

  it('parses offsets like -05 but refuses local times without offset', () => {
    expect(parseInstant('2021-03-01T09:00:00-05')).toBe(Date.parse('2021-03-01T14:00:00Z'));
    expect(parseInstant('2021-03-01T09:00-0500')).toBe(Date.parse('2021-03-01T14:00:00Z'));
    expect(parseInstant('2021-03-01T09:00:00')).toBeNull();
  });
});
