import { describe, expect, it } from 'vitest';
import { reportLink } from '../../../src/config/report.ts';
import { dayBars } from '../../../src/format/day-chart.ts';
import { en } from '../../../src/i18n/en.ts';
import { fr } from '../../../src/i18n/fr.ts';
import { localeOf, localHref, otherLanguageHref } from '../../../src/i18n/locale.ts';

describe('per-day chart', () => {
  it('lists every day of the horizon in the centre’s zone, empty days included', () => {
    // 23:30 UTC on 14 January is already the 15th in Paris.
    const bars = dayBars(
      { '2021-01-15': 4, '2021-01-17': 2 },
      3,
      new Date('2021-01-14T23:30:00Z'),
      'Europe/Paris',
      'fr-FR',
    );
    expect(bars.map((bar) => [bar.date, bar.count])).toEqual([
      ['2021-01-15', 4],
      ['2021-01-16', 0],
      ['2021-01-17', 2],
    ]);
    expect(bars[0]?.percent).toBe(100);
    expect(bars[1]?.percent).toBe(0);
    expect(bars[0]?.label).toMatch(/ven\.? 15 janv/);
  });
});

describe('signaler une erreur', () => {
  const centre = { id: 'demo-0001', name: 'Salle & co' };
  it('opens a mail with the centre named in the subject', () => {
    const link = reportLink(centre, fr.centre.reportSubject(centre.id, centre.name), {
      CRENEAU_REPORT_EMAIL: 'erreurs@example.org',
    });
    expect(link).toBe(
      `mailto:erreurs@example.org?subject=${encodeURIComponent('Erreur sur le centre demo-0001 (Salle & co)')}`,
    );
  });
  it('prefers a form address, with the centre id, and has no link when nothing is configured', () => {
    expect(reportLink(centre, 's', { CRENEAU_REPORT_URL: 'https://example.org/form?x=1' })).toBe(
      'https://example.org/form?x=1&centre=demo-0001',
    );
    expect(reportLink(centre, 's', { CRENEAU_REPORT_EMAIL: 'not an email' })).toBeNull();
  });
});

describe('languages', () => {
  it('is French unless the URL asks for English, and links keep the language', () => {
    expect(localeOf(new URL('http://x/recherche?commune=35238'))).toBe('fr');
    expect(localeOf(new URL('http://x/recherche?lang=en'))).toBe('en');
    expect(localHref('/centres/a?x=1', 'en')).toBe('/centres/a?x=1&lang=en');
    expect(localHref('/centres/a?lang=en', 'fr')).toBe('/centres/a');
    expect(otherLanguageHref(new URL('http://x/recherche?commune=35238'), 'fr')).toBe(
      '/recherche?commune=35238&lang=en',
    );
  });

  it('has every French message in English too, and formats numbers per language', () => {
    const keys = (value: object, prefix = ''): string[] =>
      Object.entries(value).flatMap(([key, inner]) =>
        inner && typeof inner === 'object' && !Array.isArray(inner)
          ? keys(inner, `${prefix}${key}.`)
          : [`${prefix}${key}`],
      );
    expect(keys(en)).toEqual(keys(fr));
    expect(fr.availability.slots(1234)).toBe('1\u202f234 créneaux');
    expect(en.availability.slots(1234)).toBe('1,234 slots');
  });
});
