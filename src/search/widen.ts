import { distanceKm } from '../geo/distance.ts';
import type { Centre } from '../registry/centre.ts';
import { type CentreSearch, findCentres, type SearchHit, type SearchResult } from './find-centres.ts';
import type { SearchSources } from './sources.ts';

/**
 * Issue 15, point 1 — no dead end. A search with no centre, or no centre with slots, within its
 * radius widens by itself: 20 → 50 → 100 km, then the origin's département and its neighbours,
 * stopping at the first scope that has a centre with slots. The page lists that scope's centres and
 * says so ("Aucun centre à moins de 20 km : voici les plus proches, jusqu'à 48 km"); whatever is
 * found, the nearest phone numbers come with it. Pure: what has slots and what the filters keep
 * are the caller's predicates, so a unit test runs it over a fixture.
 */

/** The radii a search widens through, in order (those above the radius asked for). */
export const WIDEN_STEPS_KM: readonly number[] = [20, 50, 100];

/** How many phone numbers a no-slot answer gives. */
export const NEAREST_PHONES = 3;

export type WidenedScope =
  | { kind: 'radius'; radiusKm: number }
  /** The origin's département first, then its neighbours. */
  | { kind: 'departements'; codes: string[] };

export interface Widening {
  /** What the asked search lacked: any centre at all (once filtered), or one with slots. */
  reason: 'no-centre' | 'no-slots';
  /** The radius asked for, or null for a département search. */
  fromKm: number | null;
  /** The scope listed instead of the one asked for. */
  scope: WidenedScope;
  /** Its centres, nearest first: what the page lists in place of the asked search's. */
  result: SearchResult;
  /** Whether a centre of that scope has slots; false when even the widest scope has none. */
  withSlots: boolean;
  /** The farthest listed centre ("jusqu'à 48 km"), null when none is located. */
  farthestKm: number | null;
}

export interface WidenPredicates {
  /** The filters asked for keep this hit (wheelchair, platform, vaccine…). */
  keep(hit: SearchHit): boolean;
  /** The hit has a slot the person can book (and is not reserved for professionals). */
  hasSlots(hit: SearchHit): boolean;
}

export interface NoDeadEnd {
  /** Null when the search asked for already has a centre with slots: nothing to widen. */
  widening: Widening | null;
  /** The nearest centres with a phone number, over the widest scope looked at, nearest first. */
  nearestPhones: SearchHit[];
  /** The widest scope looked at (null when nothing was widened): "none has slots in … either". */
  lookedAt: WidenedScope | null;
}

type Sources = Pick<SearchSources, 'gazetteer' | 'centres'>;

/** The département a search is about: the commune's, the postcode's main commune's, the point's nearest. */
export function originDepartement(
  app: Pick<Sources, 'gazetteer'>,
  search: CentreSearch,
  result: SearchResult,
) {
  switch (search.by) {
    case 'departement':
      return search.code;
    case 'commune':
      return app.gazetteer.commune(search.insee)?.departement ?? null;
    case 'postcode':
      return app.gazetteer.communesByPostcode(search.postcode)[0]?.departement ?? null;
    case 'point':
      return app.gazetteer.nearestCommune(result.origin)?.departement ?? null;
  }
}

/** The département-and-neighbours scope: their centres, distances from the origin, nearest first. */
function departementsResult(app: Sources, result: SearchResult, codes: readonly string[]): SearchResult {
  const seen = new Set<string>();
  const hits: SearchHit[] = [];
  const add = (centre: Centre) => {
    if (seen.has(centre.id)) return;
    seen.add(centre.id);
    hits.push({ centre, distance_km: centre.location ? distanceKm(result.origin, centre.location) : null });
  };
  for (const code of codes) for (const centre of app.centres.inDepartement(code)) add(centre);
  // What the widest radius found stays (a centre across a sea or a border may be nearer than the
  // département's far end).
  for (const hit of result.hits) add(hit.centre);
  hits.sort(
    (a, b) =>
      (a.distance_km ?? Number.POSITIVE_INFINITY) - (b.distance_km ?? Number.POSITIVE_INFINITY) ||
      a.centre.name.localeCompare(b.centre.name, 'fr'),
  );
  return { origin: result.origin, radiusKm: null, hits };
}

function farthest(hits: readonly SearchHit[]): number | null {
  let far: number | null = null;
  for (const hit of hits) if (hit.distance_km !== null) far = Math.max(far ?? 0, hit.distance_km);
  return far;
}

/** The nearest hits with a phone number, once each number. */
export function nearestPhones(hits: readonly SearchHit[], count = NEAREST_PHONES): SearchHit[] {
  const numbers = new Set<string>();
  const chosen: SearchHit[] = [];
  for (const hit of hits) {
    const phone = hit.centre.phones[0];
    if (!phone || numbers.has(phone)) continue;
    numbers.add(phone);
    chosen.push(hit);
    if (chosen.length === count) break;
  }
  return chosen;
}

/**
 * Widens `result` (the search asked for) until a centre with slots is found. When none is found
 * anywhere, the list is the asked search's when it had centres, else the nearest scope with any.
 */
export function widenSearch(
  app: Sources,
  search: CentreSearch,
  result: SearchResult,
  predicates: WidenPredicates,
): NoDeadEnd {
  const kept = (r: SearchResult) => r.hits.filter(predicates.keep);
  const asked = kept(result);
  const fromKm = search.by === 'departement' ? null : search.radiusKm;
  const askedHasSlots = asked.some(predicates.hasSlots);
  if (askedHasSlots) return { widening: null, nearestPhones: [], lookedAt: null };
  const reason = asked.length === 0 ? 'no-centre' : 'no-slots';

  const scopes: Array<{ scope: WidenedScope; result: SearchResult }> = [];
  let widest = result;
  const widening = (scope: WidenedScope, listed: SearchResult, withSlots: boolean): Widening => ({
    reason,
    fromKm,
    scope,
    result: listed,
    withSlots,
    farthestKm: farthest(kept(listed)),
  });
  const done = (w: Widening | null): NoDeadEnd => ({
    widening: w,
    nearestPhones: nearestPhones(kept(widest)),
    lookedAt: w?.withSlots ? w.scope : (scopes.at(-1)?.scope ?? null),
  });

  if (search.by !== 'departement') {
    for (const radiusKm of WIDEN_STEPS_KM) {
      if (radiusKm <= search.radiusKm) continue;
      const wider = findCentres(app, { ...search, radiusKm });
      widest = wider;
      const scope: WidenedScope = { kind: 'radius', radiusKm };
      if (kept(wider).some(predicates.hasSlots)) return done(widening(scope, wider, true));
      scopes.push({ scope, result: wider });
    }
  }
  const departement = originDepartement(app, search, result);
  if (departement !== null) {
    const codes = [departement, ...app.gazetteer.neighbouringDepartements(departement)];
    const wider = departementsResult(app, widest, codes);
    widest = wider;
    const scope: WidenedScope = { kind: 'departements', codes };
    if (kept(wider).some(predicates.hasSlots)) return done(widening(scope, wider, true));
    scopes.push({ scope, result: wider });
  }
  // No slot anywhere: keep the asked list when it has centres, else the nearest scope with any.
  if (reason === 'no-slots') return done(null);
  const nearestAny = scopes.find((s) => kept(s.result).length > 0);
  return done(nearestAny ? widening(nearestAny.scope, nearestAny.result, false) : null);
}
