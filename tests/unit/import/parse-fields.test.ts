import { describe, expect, it } from 'vitest';
import { departementOf } from '../../../src/registry/departement.ts';
import { parseBookingField } from '../../../src/registry/import/booking-field.ts';
import { parseCoordinates } from '../../../src/registry/import/coordinates.ts';
import {
  parseBoolean,
  parseDate,
  parseInsee,
  parsePostcode,
  parseTimestamp,
} from '../../../src/registry/import/parse-fields.ts';
import { parsePhone } from '../../../src/registry/import/phone.ts';

describe('parseDate', () => {
  it('reads dd/mm/yyyy and yyyy-mm-dd as ISO dates, and empty as null without a warning', () => {
    expect(parseDate('18/01/2021', 'date_ouverture')).toEqual({ value: '2021-01-18' });
    expect(parseDate('2021-04-12', 'date_ouverture')).toEqual({ value: '2021-04-12' });
    expect(parseDate('2021-04-12 00:00:00', 'date_ouverture')).toEqual({ value: '2021-04-12' });
    expect(parseDate('', 'date_ouverture')).toEqual({ value: null });
  });

  it('turns impossible or unreadable dates into null with a bad-date warning', () => {
    for (const text of ['31/02/2021', '2021-13-01', 'lundi prochain']) {
      const parsed = parseDate(text, 'date_fermeture');
      expect(parsed.value).toBeNull();
      expect(parsed.issue?.kind).toBe('bad-date');
    }
  });
});

describe('parseTimestamp', () => {
  it('reads the zoneless _edit_datemaj as French time, with the offset of the season', () => {
    expect(parseTimestamp('2021-01-14 17:30:16.750551', '_edit_datemaj').value).toBe(
      '2021-01-14T17:30:16.750551+01:00',
    );
    expect(parseTimestamp('2021-06-01 08:15:00', '_edit_datemaj').value).toBe('2021-06-01T08:15:00+02:00');
  });

  it('keeps an offset that the file gives', () => {
    expect(parseTimestamp('2021-06-01 08:15:00.123+00', '_edit_datemaj').value).toBe(
      '2021-06-01T08:15:00.123+00:00',
    );
    expect(parseTimestamp('2021-06-01T08:15:00Z', '_edit_datemaj').value).toBe('2021-06-01T08:15:00Z');
  });

  it('warns on a value that is not a date and time', () => {
    expect(parseTimestamp('hier', '_edit_datemaj')).toMatchObject({
      value: null,
      issue: { kind: 'bad-timestamp' },
    });
  });
});

describe('parseBoolean', () => {
  it('reads every spelling of yes and no the vintages use', () => {
    for (const text of ['t', 'true', 'True', 'oui', 'OUI', '1'])
      expect(parseBoolean(text, 'c')).toEqual({ value: true });
    for (const text of ['f', 'false', 'False', 'non', 'NON', '0'])
      expect(parseBoolean(text, 'c')).toEqual({ value: false });
    expect(parseBoolean('', 'c')).toEqual({ value: null });
  });

  it('reads a leading yes or no in free text with a warning, and "non précisé" as unknown', () => {
    expect(parseBoolean('oui (le parcours est fléché)', 'c')).toMatchObject({
      value: true,
      issue: { kind: 'boolean-with-text' },
    });
    expect(parseBoolean('Oui.', 'c')).toEqual({ value: true });
    expect(parseBoolean('Non précisé', 'c')).toEqual({ value: null });
  });

  it('warns and leaves null for text that says neither', () => {
    expect(parseBoolean('Du 11 au 15 janvier : 13h à 17h', 'c')).toMatchObject({
      value: null,
      issue: { kind: 'bad-boolean' },
    });
  });
});

describe('codes', () => {
  it('restores the leading zero a spreadsheet drops from INSEE codes and postcodes', () => {
    expect(parseInsee('1053')).toEqual({ value: '01053' });
    expect(parsePostcode('1000')).toEqual({ value: '01000' });
    expect(parseInsee('2a004')).toEqual({ value: '2A004' });
    expect(parseInsee('Rennes').issue?.kind).toBe('bad-insee');
  });

  it('derives the département from the INSEE code, else from the postcode', () => {
    expect(departementOf('35238', '35000')).toBe('35');
    expect(departementOf('2A004', '20000')).toBe('2A');
    expect(departementOf('97411', '97400')).toBe('974');
    expect(departementOf(null, '20600')).toBe('2B');
    expect(departementOf(null, '20000')).toBe('2A');
    expect(departementOf(null, '97100')).toBe('971');
    expect(departementOf(null, '98000')).toBeNull();
    expect(departementOf(null, null)).toBeNull();
  });
});

describe('parsePhone', () => {
  it('normalises French numbers to E.164, overseas ones with their own country code', () => {
    expect(parsePhone('02 99 00 00 00', 'rdv_tel')).toEqual({ value: '+33299000000' });
    expect(parsePhone('01.34.43.34.44', 'rdv_tel')).toEqual({ value: '+33134433444' });
    expect(parsePhone('+33 5 46 93 16 01', 'rdv_tel')).toEqual({ value: '+33546931601' });
    expect(parsePhone('33472107276', 'rdv_tel')).toEqual({ value: '+33472107276' });
    expect(parsePhone('+330553317694', 'rdv_tel')).toEqual({ value: '+33553317694' });
    expect(parsePhone('0590 86 29 31', 'rdv_tel')).toEqual({ value: '+590590862931' });
    expect(parsePhone('+594594327255', 'rdv_tel')).toEqual({ value: '+594594327255' });
    expect(parsePhone('00 59 05 90 99 14 74', 'rdv_tel')).toEqual({ value: '+590590991474' });
    expect(parsePhone('0262 90 50 50', 'rdv_tel')).toEqual({ value: '+262262905050' });
  });

  it('keeps short service numbers as their digits', () => {
    expect(parsePhone('39 75', 'rdv_tel')).toEqual({ value: '3975' });
  });

  it('reads a number followed by text with a warning', () => {
    expect(parsePhone('09 70 77 54 43 à compter du 18/01', 'rdv_tel')).toMatchObject({
      value: '+33970775443',
      issue: { kind: 'phone-with-text' },
    });
  });

  it('leaves out what is not dialable, with a warning', () => {
    for (const text of ['en cours', '+331', '+3392043471', '+03353317694']) {
      expect(parsePhone(text, 'rdv_tel')).toMatchObject({ value: null, issue: { kind: 'bad-phone' } });
    }
  });
});

describe('parseCoordinates', () => {
  it('accepts points in metropolitan France and overseas', () => {
    expect(parseCoordinates('43.3794', '5.36165')).toEqual({ value: { lat: 43.3794, lon: 5.36165 } });
    expect(parseCoordinates('-21.3452', '55.4945').value).toEqual({ lat: -21.3452, lon: 55.4945 });
    expect(parseCoordinates('4.92453', '-52.3207').value).toEqual({ lat: 4.92453, lon: -52.3207 });
    expect(parseCoordinates('48,11', '-1,68').value).toEqual({ lat: 48.11, lon: -1.68 });
  });

  it('swaps back an obviously swapped pair, with a warning', () => {
    expect(parseCoordinates('-1.68', '48.11')).toMatchObject({
      value: { lat: 48.11, lon: -1.68 },
      issue: { kind: 'coordinates-swapped' },
    });
  });

  it('treats points outside France, and non-numbers, as missing with a warning', () => {
    expect(parseCoordinates('40.7128', '-74.006')).toMatchObject({
      value: null,
      issue: { kind: 'coordinates-outside-france' },
    });
    expect(parseCoordinates('0', '0')).toMatchObject({
      value: null,
      issue: { kind: 'coordinates-outside-france' },
    });
    expect(parseCoordinates('48.1', 'abc')).toMatchObject({
      value: null,
      issue: { kind: 'coordinates-invalid' },
    });
    expect(parseCoordinates('', '')).toMatchObject({ value: null, issue: { kind: 'coordinates-missing' } });
  });
});

describe('parseBookingField', () => {
  it('reads a booking URL and its platform, trimming stray quotes and no-break spaces', () => {
    expect(parseBookingField('\u00a0https://partners.doctolib.fr/centre/x?locale=fr" ')).toEqual({
      url: 'https://partners.doctolib.fr/centre/x?locale=fr',
      platform: 'doctolib',
      freeText: null,
      originalUrl: null,
      repairs: [],
      issues: [],
    });
    expect(parseBookingField('https://vaccination-covid.keldoc.com/a/b').platform).toBe('keldoc');
    expect(parseBookingField('https://www.ville-arcachon.fr/vaccination').platform).toBe('other');
    expect(parseBookingField('')).toMatchObject({ url: null, platform: 'none', freeText: null, issues: [] });
  });

  it('keeps free text apart: no URL, no platform, a warning', () => {
    for (const text of [
      'Doctolib',
      'doctolib en cours',
      'VaccinationCOVID@hopital.fr',
      'https://vaccin@sdis34.fr',
    ]) {
      expect(parseBookingField(text)).toMatchObject({
        url: null,
        platform: 'none',
        freeText: text,
        issues: [{ kind: 'booking-url-free-text' }],
      });
    }
  });

  it('adds the missing scheme to a bare site address, with a warning', () => {
    expect(parseBookingField('agenda.mobminder.com/sucy')).toMatchObject({
      url: 'https://agenda.mobminder.com/sucy',
      platform: 'other',
      originalUrl: 'agenda.mobminder.com/sucy',
      issues: [{ kind: 'booking-url-no-scheme' }],
    });
  });

  it('takes the URL out of a sentence rather than reading the sentence as one URL', () => {
    expect(parseBookingField('Réservation sur https://www.maiia.com/centre/x uniquement')).toMatchObject({
      url: 'https://www.maiia.com/centre/x',
      platform: 'maiia',
      issues: [{ kind: 'booking-url-with-text' }],
    });
  });
});
