import { describe, expect, it } from 'vitest';
import { statusClock } from '../../../src/format/provider-state.ts';
import { slug, withoutAccents } from '../../../src/shared/text.ts';

describe('naming an instant', () => {
  const now = new Date('2021-01-14T09:00:00+01:00');

  it('leaves the date out on the same local day only, the year included', () => {
    expect(statusClock(new Date('2021-01-14T10:42:00+01:00'), now)).toBe('à 10 h 42');
    expect(statusClock(new Date('2021-01-15T10:42:00+01:00'), now)).toBe('le 15 janvier à 10 h 42');
    // Same day and month a year later: another day (the rule compared day and month alone).
    expect(statusClock(new Date('2022-01-14T10:42:00+01:00'), now)).toBe('le 14 janvier à 10 h 42');
    // Midnight in Paris is still the 14th there, whatever UTC says.
    expect(statusClock(new Date('2021-01-14T23:30:00+01:00'), now)).toBe('à 23 h 30');
  });
});

describe('text as compared', () => {
  it('drops accents and keeps case; a slug is lower case with single dashes', () => {
    expect(withoutAccents('Crèche Élysée, Pont-l’Évêque')).toBe('Creche Elysee, Pont-l’Eveque');
    expect(slug("Côtes-d'Armor")).toBe('cotes-d-armor');
    expect(slug('  Saint-Étienne (Loire) ')).toBe('saint-etienne-loire');
  });
});
