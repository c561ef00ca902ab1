import { pageNumber } from '../search/params.ts';

/**
 * How the response path treats a URL: which answers are kept as bytes, under which normalised key,
 * and against which data version. The key is also the URL rendered, so two requests sharing a key
 * are, by construction, given the bytes of the same request.
 */
export type Policy =
  /** Kept per key, rebuilt when the availability data, the day's listing or the refresh period moves on. */
  | { kind: 'memo'; key: string; version: 'data' }
  /** Kept per key, rebuilt when the day's listing moves on (redirects: the registry, not availability). */
  | { kind: 'memo'; key: string; version: 'listing' }
  /** Rendered for this request (live state, visitor-specific, or too varied to be worth keeping). */
  | { kind: 'render'; url: string };

const DATA_ROUTES = [
  /^\/$/,
  /^\/recherche(\.csv)?$/,
  /^\/centres\/[^/]+$/,
  /^\/communes\/[^/]+$/,
  /^\/embed\/(communes|departements)\/[^/]+$/,
  /^\/statistiques(\.csv)?$/,
  /^\/api\/v1\/(centres|markers|stats)$/,
  /^\/api\/v1\/(centres|departements)\/[^/]+$/,
  /^\/api\/v1\/vmd\/[^/]+$/,
  /^\/alertes\/(communes|departements)\/[^/]+$/,
  /^\/smart\/[^/]+$/,
  /^\/tableau\/(communes|departements)\/[^/]+$/,
];
const LISTING_ROUTES = [/^\/go\/[^/]+$/];

/** Machine-read routes refuse unknown or repeated parameters: their query is only put in order. */
const STRICT = /^\/(api|smart|alertes)\//;
/**
 * Machine-read routes that read `page=` as the results page does (search/params.ts, `pageNumber`):
 * the département JSON (api/departements.ts). Its `page` is put in its canonical form, the first
 * page (or a malformed value, which shows it) without one, so every way of asking for a page shares
 * one entry.
 */
const PAGED_API = /^\/api\/v1\/departements\/[^/]+$/;
/** Parameters that never change a page: campaign tags added by whoever shared the link. */
const TRACKING = /^(utm_.*|fbclid|gclid|mc_cid|mc_eid|_ga)$/i;

/**
 * The canonical form of a request target: path segments decoded and encoded once, no trailing
 * slash, parameters sorted by name (their order among equals kept); for pages also without empty
 * values, campaign tags, the default language (`lang=` only counts as `en`) and `page=1`.
 * Null for a target that is not a path or does not decode.
 */
export function normaliseTarget(target: string): { pathname: string; search: string } | null {
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  const hashAt = target.indexOf('#');
  const withoutHash = hashAt === -1 ? target : target.slice(0, hashAt);
  const queryAt = withoutHash.indexOf('?');
  const rawPath = queryAt === -1 ? withoutHash : withoutHash.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : withoutHash.slice(queryAt + 1);
  let segments: string[];
  try {
    segments = rawPath.split('/').map(canonicalSegment);
  } catch {
    return null;
  }
  let pathname = segments.join('/');
  if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.replace(/\/+$/, '') || '/';
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(rawQuery);
  } catch {
    return null;
  }
  let entries = [...params];
  if (entries.some(([name, value]) => !name.isWellFormed() || !value.isWellFormed())) return null;
  if (!STRICT.test(pathname)) {
    entries = entries.filter(
      ([name, value]) =>
        value.trim() !== '' &&
        !TRACKING.test(name) &&
        !(name === 'lang' && value !== 'en') &&
        !(name === 'page' && value.trim() === '1'),
    );
  }
  if (PAGED_API.test(pathname) && entries.filter(([name]) => name === 'page').length === 1)
    entries = entries.flatMap(([name, value]): Array<[string, string]> => {
      if (name !== 'page') return [[name, value]];
      const page = pageNumber.parse(value) ?? 1;
      return page === 1 ? [] : [[name, String(page)]];
    });
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = entries.length > 0 ? `?${new URLSearchParams(entries).toString()}` : '';
  return { pathname, search };
}

/** A path segment decoded once and encoded again, RFC 3986's sub-delimiters, `:` and `@` left as they are. */
function canonicalSegment(segment: string): string {
  return encodeURIComponent(decodeURIComponent(segment)).replace(/%(24|26|2B|2C|3B|3D|3A|40)/g, (escaped) =>
    decodeURIComponent(escaped),
  );
}

export function policyFor(pathname: string, search: string): Policy {
  const key = `${pathname}${search}`;
  if (DATA_ROUTES.some((route) => route.test(pathname))) return { kind: 'memo', key, version: 'data' };
  if (LISTING_ROUTES.some((route) => route.test(pathname))) return { kind: 'memo', key, version: 'listing' };
  return { kind: 'render', url: key };
}
