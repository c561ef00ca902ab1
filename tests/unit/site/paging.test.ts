import { describe, expect, it } from 'vitest';
import { markersHref, markersKey } from '../../../src/search/markers.ts';
import { pageFilters } from '../../../src/search/page-filters.ts';
import { pageHref, pageOf, requestedPage } from '../../../src/search/paging.ts';
import { PAGE_SIZE } from '../../../src/search/params.ts';
import { refreshQueryFor } from '../../../src/search/refresh-query.ts';

const items = Array.from({ length: 45 }, (_, i) => i);

describe('results pages', () => {
  it('shows the first PAGE_SIZE, then the next ones, the last page shorter', () => {
    expect(PAGE_SIZE).toBe(20);
    expect(pageOf(items, 1)).toMatchObject({ page: 1, pages: 3, total: 45, start: 0 });
    expect(pageOf(items, 1).items).toEqual(items.slice(0, 20));
    expect(pageOf(items, 2).items).toEqual(items.slice(20, 40));
    expect(pageOf(items, 3).items).toEqual(items.slice(40));
  });

  it('clamps a page past the end to the last one, and an empty list has one empty page', () => {
    expect(pageOf(items, 99)).toMatchObject({ page: 3, start: 40 });
    expect(pageOf([], 4)).toMatchObject({ page: 1, pages: 1, total: 0, items: [] });
  });

  it('reads page= forgivingly: absent, malformed or below 1 is the first page', () => {
    for (const bad of ['', 'page=', 'page=abc', 'page=0', 'page=-2', 'page=1.5', 'page=1e9'])
      expect(requestedPage(new URLSearchParams(bad)), bad).toBe(1);
    expect(requestedPage(new URLSearchParams('page=3'))).toBe(3);
    expect(requestedPage(new URLSearchParams('page= 2 '))).toBe(2);
  });

  it('links to another page keeping the search and its filters, without page=1', () => {
    const url = new URL('http://x/recherche?commune=35238&rayon=20&dispo=1&page=2&lang=en');
    expect(pageHref(url, 3)).toBe('/recherche?commune=35238&rayon=20&dispo=1&lang=en&page=3');
    expect(pageHref(url, 1)).toBe('/recherche?commune=35238&rayon=20&dispo=1&lang=en');
  });
});

describe('the map’s markers query', () => {
  it('is the same memo entry however the search is written, and one for every page', () => {
    const a = markersKey(new URLSearchParams('commune=35238&rayon=20&page=2&utm_source=sms'));
    const b = markersKey(new URLSearchParams('rayon=20&commune=35238&dispo='));
    expect(a).toBe(b);
    expect(markersKey(new URLSearchParams('commune=35238&rayon=30'))).not.toBe(a);
    expect(markersKey(new URLSearchParams('commune=35238&rayon=20&lang=en'))).not.toBe(a);
  });

  it('is linked from the page without its page number', () => {
    expect(markersHref(new URLSearchParams('commune=35238&page=4&tri=distance'))).toBe(
      '/api/v1/markers?commune=35238&tri=distance',
    );
  });
});

describe('the live refresh of one page', () => {
  it('asks the API for the same order and filters, from the page’s first card', () => {
    const search = { by: 'commune', insee: '35238', radiusKm: 20 } as const;
    const query = new URLSearchParams(
      refreshQueryFor(search, pageFilters(new URLSearchParams('tri=prochain&dispo=1')), 40),
    );
    expect(Object.fromEntries(query)).toEqual({
      commune: '35238',
      radius_km: '20',
      available: 'true',
      sort: 'next_slot',
      limit: '100',
      offset: '40',
    });
    expect(
      new URLSearchParams(refreshQueryFor(search, pageFilters(new URLSearchParams()), 0)).has('offset'),
    ).toBe(false);
  });
});
