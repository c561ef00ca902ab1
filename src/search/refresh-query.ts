import { apiQueryFor, type CentreSearch } from './find-centres.ts';
import { availabilityFilters, type PageFilters } from './page-filters.ts';

/** At most what the API gives in one answer. */
const REFRESH_LIMIT = 100;

/**
 * The `/api/v1/centres` query the live refresh of one results page re-reads: the same search, in
 * the same order, from the page's first card on. The page's own filters (wheelchair, phone) only
 * drop centres, so its cards are within the next REFRESH_LIMIT of the API's list from there.
 */
export function refreshQueryFor(search: CentreSearch, filters: PageFilters, start: number): string {
  const query = apiQueryFor(search);
  const wanted = availabilityFilters(filters);
  if (wanted.available) query.set('available', 'true');
  if (wanted.dose) query.set('dose', wanted.dose);
  if (wanted.vaccine) query.set('vaccine', wanted.vaccine);
  if (wanted.platform) query.set('platform', wanted.platform);
  if (wanted.sort) query.set('sort', wanted.sort);
  query.set('limit', String(REFRESH_LIMIT));
  if (start > 0) query.set('offset', String(start));
  return query.toString();
}
