import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { distanceKm } from '../geo/distance.ts';
import { timeZoneOf } from '../geo/time-zone.ts';
import { localDate } from '../shared/time.ts';
import type { Centre, GeoPoint } from './centre.ts';
import { listedOn } from './lifecycle.ts';

export interface CentreHit {
  centre: Centre;
  distance_km: number;
}

export interface NearOptions {
  radiusKm: number;
  limit?: number;
}

/**
 * The registry's centres, indexed once for the lookups a search makes. It is the public view every
 * output reads (search, map, département lists, commune sheets, widgets, exports, open-data feeds,
 * statistics, alerts): its lists hold only the centres listed *today* by the index's clock (not
 * closed, not a duplicate of another: lifecycle.ts) and, unless `withReserved()`, not reserved for
 * health professionals. `byId` answers for every centre of the registry, so old links still work.
 */
export interface CentreIndex {
  /** Every centre of the registry, listed or not. */
  readonly size: number;
  byId(id: string): Centre | undefined;
  /** Located centres within `radiusKm` of `origin`, nearest first (great-circle distance). */
  near(origin: GeoPoint, options: NearOptions): CentreHit[];
  inDepartement(code: string): Centre[];
  inCommune(insee: string): Centre[];
  withPostcode(postcode: string): Centre[];
  /** The listed centres (the same array for as long as the day does not change). */
  all(): readonly Centre[];
  /**
   * Changes when what the lists hold may have changed (a new day in one of the registry's zones):
   * answers memoised by data version add it, so a centre closing at midnight leaves them at midnight.
   */
  listingKey(): string;
  /** The same view, centres reserved for health professionals included (the results page's filter). */
  withReserved(): CentreIndex;
}

export interface CentreIndexOptions {
  /** The app's clock: what "today" is for a centre's lifecycle. */
  now?: () => Date;
}

/**
 * geokdbush measures with a 6371 km radius, `distanceKm` with 6371.0088: search a hair wider,
 * then keep what `distanceKm` puts within the radius, so both answer the same.
 */
const RADIUS_MARGIN = 1.00001;

function group(centres: readonly Centre[], keyOf: (centre: Centre) => string | null): Map<string, Centre[]> {
  const groups = new Map<string, Centre[]>();
  for (const centre of centres) {
    const key = keyOf(centre);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(centre);
    else groups.set(key, [centre]);
  }
  return groups;
}

/** "Today" in every zone a centre is in, for one instant: one date per zone, computed once per call. */
function todayIn(now: Date): (centre: Centre) => string {
  const dates = new Map<string, string>();
  return (centre) => {
    const zone = timeZoneOf(centre);
    let date = dates.get(zone);
    if (date === undefined) {
      date = localDate(now.getTime(), zone);
      dates.set(zone, date);
    }
    return date;
  };
}

export function createCentreIndex(
  centres: readonly Centre[],
  { now = () => new Date() }: CentreIndexOptions = {},
): CentreIndex {
  const everyone = createFullIndex(centres);
  // Centres whose list membership can change with the day; the others are listed for good.
  const dated = centres.some((centre) => centre.closed === true || centre.closes_on || centre.opens_on);
  // "Today" in each of the registry's zones decides what `all()` holds.
  const zones = dated ? [...new Set(centres.map(timeZoneOf))] : [];
  // Asked on every shared answer (the hot département route): worked out once a minute, which is exact
  // since every zone's midnight falls on a whole minute.
  let keyOf: { minute: number; key: string } | null = null;
  const listingKey = () => {
    if (zones.length === 0) return '';
    const at = now().getTime();
    const minute = Math.floor(at / 60_000);
    if (keyOf?.minute !== minute) keyOf = { minute, key: zones.map((zone) => localDate(at, zone)).join() };
    return keyOf.key;
  };
  const view = (includeReserved: boolean): CentreIndex => {
    const shown = (centre: Centre, today: (centre: Centre) => string) =>
      (includeReserved || centre.health_professionals_only !== true) && listedOn(centre, today(centre));
    const keep = <T>(items: readonly T[], centreOf: (item: T) => Centre): T[] => {
      const today = todayIn(now());
      return items.filter((item) => shown(centreOf(item), today));
    };
    let memo: { key: string; centres: readonly Centre[] } | null = null;
    let other: CentreIndex | null = null;
    const self: CentreIndex = {
      size: centres.length,
      byId: everyone.byId,
      near: (origin, options) => {
        // Ask for everything within the radius, then cut to `limit` once hidden centres are gone.
        const hits = keep(everyone.near(origin, { radiusKm: options.radiusKm }), (hit) => hit.centre);
        return options.limit === undefined ? hits : hits.slice(0, Math.max(0, options.limit));
      },
      inDepartement: (code) => keep(everyone.inDepartement(code), (centre) => centre),
      inCommune: (insee) => keep(everyone.inCommune(insee), (centre) => centre),
      withPostcode: (postcode) => keep(everyone.withPostcode(postcode), (centre) => centre),
      listingKey,
      all() {
        const key = listingKey();
        if (memo?.key !== key) memo = { key, centres: keep(centres, (centre) => centre) };
        return memo.centres;
      },
      withReserved: () => {
        if (includeReserved) return self;
        other ??= view(true);
        return other;
      },
    };
    return self;
  };
  return view(false);
}

/** Every centre, listed or not: what the public view filters. */
function createFullIndex(
  centres: readonly Centre[],
): Omit<CentreIndex, 'withReserved' | 'all' | 'listingKey'> {
  const byId = new Map(centres.map((centre) => [centre.id, centre]));
  const located = centres.flatMap((centre) =>
    centre.location ? [{ centre, location: centre.location }] : [],
  );
  const points = new KDBush(located.length);
  for (const { location } of located) points.add(location.lon, location.lat);
  points.finish();

  const byDepartement = group(centres, (centre) => centre.departement);
  const byCommune = group(centres, (centre) => centre.commune.insee);
  const byPostcode = group(centres, (centre) => centre.address.postcode);

  return {
    size: centres.length,
    byId: (id) => byId.get(id),
    near(origin, { radiusKm, limit = Number.POSITIVE_INFINITY }) {
      if (!(radiusKm >= 0) || limit <= 0) return [];
      const ids = around(points, origin.lon, origin.lat, limit, radiusKm * RADIUS_MARGIN);
      const hits: CentreHit[] = [];
      for (const id of ids) {
        const point = located[id];
        if (!point) continue;
        const distance_km = distanceKm(origin, point.location);
        if (distance_km <= radiusKm) hits.push({ centre: point.centre, distance_km });
      }
      return hits.sort((a, b) => a.distance_km - b.distance_km || (a.centre.id < b.centre.id ? -1 : 1));
    },
    inDepartement: (code) => [...(byDepartement.get(code) ?? [])],
    inCommune: (insee) => [...(byCommune.get(insee) ?? [])],
    withPostcode: (postcode) => [...(byPostcode.get(postcode) ?? [])],
  };
}
