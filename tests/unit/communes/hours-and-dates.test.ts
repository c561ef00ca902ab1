import { describe, expect, it } from 'vitest';
import { spreadsheetDateTime } from '../../../src/communes/centres-csv.ts';
import { compactHours } from '../../../src/communes/hours.ts';
import { checkedAtLabel, printedAtLabel } from '../../../src/communes/printed-at.ts';

describe('compactHours', () => {
  it('joins consecutive days with the same hours and keeps the source wording', () => {
    expect(
      compactHours({
        opening_hours: {
          monday: '8h-20h',
          tuesday: '8h-20h',
          wednesday: '8h-20h',
          thursday: '8h-20h',
          friday: '8h-20h',
          saturday: '09:00-13:00',
          sunday: 'fermé',
        },
      }),
    ).toEqual(['lun.–ven. 8h-20h', 'sam. 09:00-13:00', 'dim. fermé']);
  });

  it('does not join days across a gap, and names two adjacent days rather than a range', () => {
    expect(
      compactHours({ opening_hours: { monday: '9h-12h', tuesday: '9h-12h', thursday: '9h-12h' } }),
    ).toEqual(['lun., mar. 9h-12h', 'jeu. 9h-12h']);
  });

  it('says nothing when the source gave no hours', () => {
    expect(compactHours({ opening_hours: {} })).toEqual([]);
  });
});

describe('printed and checked times', () => {
  it('prints the date and time in Paris, in words', () => {
    expect(printedAtLabel(new Date('2021-01-18T08:05:00Z'))).toBe(
      'Imprimé le lundi 18 janvier 2021 à 9 h 05',
    );
    expect(printedAtLabel(new Date('2021-07-01T21:30:00Z'))).toBe(
      'Imprimé le jeudi 1 juillet 2021 à 23 h 30',
    );
  });

  it('gives only the time for a check made the same day, the day too otherwise', () => {
    const now = new Date('2021-01-18T10:00:00Z');
    expect(checkedAtLabel('2021-01-18T08:02:00Z', now)).toBe('à 9 h 02');
    expect(checkedAtLabel('2021-01-17T22:50:00Z', now)).toBe('le dimanche 17 janvier à 23 h 50');
  });

  it('writes spreadsheet dates in the centre’s own zone', () => {
    expect(spreadsheetDateTime('2021-01-19T13:30:00Z', 'Europe/Paris')).toBe('19/01/2021 14:30 +01:00');
    expect(spreadsheetDateTime('2021-01-19T13:30:00Z', 'Indian/Reunion')).toBe('19/01/2021 17:30 +04:00');
    expect(spreadsheetDateTime(null, 'Europe/Paris')).toBeNull();
  });
});
