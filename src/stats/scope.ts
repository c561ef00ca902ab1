import { z } from 'zod';
import { DEFAULT_TIME_ZONE, timeZoneOf } from '../geo/time-zone.ts';
import { optional } from '../search/params.ts';
import type { SearchSources } from '../search/sources.ts';
import { departementCode, departementParam } from '../shared/departement-param.ts';

/** What a statistic is about: France as a whole or one département. */
export type StatsScope =
  | { kind: 'france'; label: string; timeZone: string }
  | { kind: 'departement'; code: string; name: string; label: string; timeZone: string };

export const FRANCE_SCOPE: StatsScope = { kind: 'france', label: 'France', timeZone: DEFAULT_TIME_ZONE };

export const StatsPeriod = z.enum(['24h', '7j', '30j', 'tout']);
export type StatsPeriod = z.infer<typeof StatsPeriod>;

const since = z.iso
  .datetime({
    offset: true,
    error: 'expected an ISO 8601 instant with its offset, such as 2021-05-01T00:00:00+02:00',
  })
  .transform((value) => new Date(value));

/** `/api/v1/stats` and `/statistiques.csv`: unknown parameters refused, as everywhere in the API. */
export const StatsApiQuery = z.strictObject({
  departement: optional(departementCode),
  since: optional(since),
});

/** `/statistiques`: the form's own parameters; anything else in the URL is ignored, as on other pages. */
export const StatsPageQuery = z.object({
  departement: optional(departementCode),
  periode: z.preprocess((value) => (value === '' ? undefined : value), StatsPeriod.default('7j')),
});

/** The scope a département code names (404 for a well-formed code with no département). */
export function scopeFor(app: Pick<SearchSources, 'gazetteer'>, code: string | undefined): StatsScope {
  if (code === undefined) return FRANCE_SCOPE;
  const departement = departementParam(app.gazetteer, code);
  return {
    kind: 'departement',
    code: departement.code,
    name: departement.name,
    label: `${departement.name} (${departement.code})`,
    timeZone: timeZoneOf({ departement: departement.code, address: { lines: [], postcode: null } }),
  };
}

/** The départements a visitor can pick: those with centres in the registry, and the one shown. */
export function departementChoices(
  app: Pick<SearchSources, 'gazetteer' | 'centres'>,
  shown?: StatsScope,
): Array<{ code: string; name: string }> {
  return app.gazetteer
    .departements()
    .filter(
      (departement) =>
        app.centres.inDepartement(departement.code).length > 0 ||
        (shown?.kind === 'departement' && shown.code === departement.code),
    )
    .map(({ code, name }) => ({ code, name }));
}
