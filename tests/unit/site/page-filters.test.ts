import { describe, expect, it } from 'vitest';
import {
  availabilityFilters,
  filterParams,
  keepCentre,
  pageFilters,
} from '../../../src/search/page-filters.ts';

describe('results page filters', () => {
  it('orders slots first by default and reads the shared URL parameters', () => {
    expect(availabilityFilters(pageFilters(new URLSearchParams()))).toEqual({ sort: 'slots_first' });
    const filters = pageFilters(
      new URLSearchParams(
        'tri=prochain&dispo=1&dose=rappel&vaccin=Moderna&plateforme=maiia&fauteuil=1&tel=1',
      ),
    );
    expect(availabilityFilters(filters)).toEqual({
      sort: 'next_slot',
      available: true,
      dose: 'booster',
      vaccine: 'Moderna',
      platform: 'maiia',
    });
    expect(filterParams(filters)).toEqual([
      ['tri', 'prochain'],
      ['dispo', '1'],
      ['dose', 'rappel'],
      ['vaccin', 'Moderna'],
      ['plateforme', 'maiia'],
      ['fauteuil', '1'],
      ['tel', '1'],
    ]);
  });

  it('drops values it does not understand instead of failing the page', () => {
    const filters = pageFilters(new URLSearchParams('tri=n%27importe&dose=9&plateforme=x&dispo=peut-etre'));
    expect(availabilityFilters(filters)).toEqual({ sort: 'slots_first' });
  });

  it('keeps only wheelchair-accessible centres, and those with a phone, when asked', () => {
    const filters = pageFilters(new URLSearchParams('fauteuil=1&tel=1'));
    expect(keepCentre({ accessible: true, phones: ['0299000000'] }, filters)).toBe(true);
    expect(keepCentre({ accessible: null, phones: ['0299000000'] }, filters)).toBe(false);
    expect(keepCentre({ accessible: true, phones: [] }, filters)).toBe(false);
  });
});
