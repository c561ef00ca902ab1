import { z } from 'zod';
import { BookingPlatform } from '../registry/centre.ts';
import type { AvailabilityFilters } from './availability-filters.ts';

/**
 * The results page's filters and order, as short French URL parameters a person can read:
 * `tri=creneaux|distance|prochain`, `dispo=1`, `dose=1|2|rappel`, `vaccin=Moderna`,
 * `plateforme=doctolib`, `fauteuil=1`, `tel=1`, `pros=1` (centres reserved for health professionals,
 * left out unless asked for), `deux=1` (two slots on the same half-day, for two people). A bad value is dropped, not an error: these links
 * are typed and shared by hand.
 */
const flag = z
  .string()
  .transform((value) => ['1', 'oui', 'on', 'true'].includes(value.trim().toLowerCase()))
  .catch(false);

const SORTS = { creneaux: 'slots_first', distance: 'distance', prochain: 'next_slot' } as const;
const DOSES = { '1': 'first', '2': 'second', rappel: 'booster' } as const;
export type SortParam = keyof typeof SORTS;
export type DoseParam = keyof typeof DOSES;

export const PageFiltersQuery = z.object({
  tri: z.enum(['creneaux', 'distance', 'prochain']).catch('creneaux').default('creneaux'),
  dispo: flag.default(false),
  dose: z.enum(['1', '2', 'rappel']).optional().catch(undefined),
  vaccin: z.string().trim().max(40).optional().catch(undefined),
  plateforme: BookingPlatform.optional().catch(undefined),
  fauteuil: flag.default(false),
  tel: flag.default(false),
  pros: flag.default(false),
  /** `h24=1`: a free slot within 24 hours. */
  h24: flag.default(false),
  /** `soir=1`: a free slot in the evening or at the weekend. */
  soir: flag.default(false),
  /** `deux=1`: two free slots on the same day and half-day, for two people booking together. */
  deux: flag.default(false),
});
export type PageFilters = z.output<typeof PageFiltersQuery>;

export function pageFilters(params: URLSearchParams): PageFilters {
  const raw = Object.fromEntries(
    [...params].filter(([key, value]) => key in PageFiltersQuery.shape && value.trim() !== ''),
  );
  return PageFiltersQuery.parse(raw);
}

/** The search's filters for `rankHits` (wheelchair and phone are centre facts: `keepCentre`). */
export function availabilityFilters(filters: PageFilters): AvailabilityFilters {
  const result: AvailabilityFilters = { sort: SORTS[filters.tri] };
  if (filters.dispo) result.available = true;
  if (filters.dose) result.dose = DOSES[filters.dose];
  if (filters.vaccin) result.vaccine = filters.vaccin;
  if (filters.plateforme) result.platform = filters.plateforme;
  if (filters.h24) result.within24h = true;
  if (filters.soir) result.eveningOrWeekend = true;
  if (filters.deux) result.forTwo = true;
  return result;
}

export function keepCentre(
  centre: { accessible: boolean | null; phones: readonly string[] },
  filters: PageFilters,
): boolean {
  if (filters.fauteuil && centre.accessible !== true) return false;
  if (filters.tel && centre.phones.length === 0) return false;
  return true;
}

/** The filters back as URL parameters, defaults left out so shared links stay short. */
export function filterParams(filters: PageFilters): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  if (filters.tri !== 'creneaux') params.push(['tri', filters.tri]);
  if (filters.dispo) params.push(['dispo', '1']);
  if (filters.dose) params.push(['dose', filters.dose]);
  if (filters.vaccin) params.push(['vaccin', filters.vaccin]);
  if (filters.plateforme) params.push(['plateforme', filters.plateforme]);
  if (filters.fauteuil) params.push(['fauteuil', '1']);
  if (filters.tel) params.push(['tel', '1']);
  if (filters.pros) params.push(['pros', '1']);
  if (filters.h24) params.push(['h24', '1']);
  if (filters.soir) params.push(['soir', '1']);
  if (filters.deux) params.push(['deux', '1']);
  return params;
}

/** The filter parameters' names (`tri`, `dispo`…): what else a search URL may carry. */
export const pageFiltersKeys: readonly string[] = Object.keys(PageFiltersQuery.shape);
