/**
 * What Créneau knows of a platform before loading any of its code: its name, label, hosts and how
 * its booking links read. This file and each `src/adapters/<name>/platform.ts` import nothing else,
 * so the registry, the config, the i18n and even browser islands use them without pulling adapters
 * or simulators in. The heavy parts sit beside `platform.ts` in its folder (`adapter.ts`,
 * `simulator.ts`) and are loaded by `load-platform.ts` only where they run (cf. unstorage's
 * `builtinDrivers`, a map of names to lazy imports).
 */

/**
 * `booking`: centres book on it, and their `booking.platform` is its name (Doctolib…).
 * `feed`: it publishes the slots of centres that book elsewhere (SMART Scheduling Links).
 */
export type PlatformKind = 'booking' | 'feed';

/** The seeded draws a demo booking link may use (`registry/demo-random.ts` provides them). */
export interface DemoDraws {
  int(min: number, max: number): number;
}

/** Where a demo centre is, as slugs for its booking link. */
export interface DemoPlace {
  town: string;
  postcode: string;
  centre: string;
}

export interface PlatformDefinition<N extends string, K extends PlatformKind, L> {
  /**
   * The one name: `provider` and `booking.platform` values in the API, the settings key
   * `providers.<name>`, the variables `CRENEAU_<NAME>_*`, the fixture folder `tests/fixtures/<name>/`.
   */
  readonly name: N;
  /** The brand as people write it: filters, cards, CSV headers, the ViteMaDose `plateforme`. */
  readonly label: string;
  readonly kind: K;
  /** Registrable domains of its booking links; a subdomain counts (`partners.doctolib.fr`). */
  readonly hosts: readonly string[];
  /** A link of the shape it reads, for `creneau check`'s list of supported links. */
  readonly linkExample: string;
  /** What one of its links says (slug, ids), for a URL on its hosts; null when it is not such a link. */
  readonly parseLink: (url: URL) => L | null;
  /**
   * Why a link it parses still cannot be polled as written (a Maiia link without `centerid=`), or null
   * when it can; absent: every link it parses can be.
   */
  readonly unpollable?: (link: L) => string | null;
  /**
   * Its folder also holds `resolve-link.ts` (`export default defineLinkResolver(…)`): links it cannot
   * poll as written are looked up in the platform's own public listing of centres.
   */
  readonly resolvesLinks?: boolean;
  /**
   * Its folder also holds `discover.ts` (`export default defineDiscovery(…)`): the centres the platform
   * lists in its own public search, by département (docs/DISCOVERY.md).
   */
  readonly discovers?: boolean;
  /**
   * `import.meta.url` of its `platform.ts`: its folder holds `adapter.ts` (`export default
   * defineAdapter(…)`) and `simulator.ts` (`export default defineSimulator(…)`), and, with
   * `discovers`, `discover.ts` (listing centres from the platform itself). A test platform lives in tests/fixtures.
   */
  readonly home: string;
  /** Its share of the demo registry's centres and how their links look (booking platforms). */
  readonly demo?: { share: number; bookingUrl(place: DemoPlace, draws: DemoDraws): string };
  /** Whether booking the first injection also booked the second (Doctolib, Maiia, Keldoc in 2021). */
  readonly booksBothInjections?: boolean;
}

export interface Platform<N extends string = string, K extends PlatformKind = PlatformKind, L = unknown>
  extends Omit<PlatformDefinition<N, K, L>, 'parseLink' | 'unpollable'> {
  /** `providers.<configKey>` in `creneau.config.json`. */
  readonly configKey: N;
  /** `CRENEAU_DOCTOLIB_`: the prefix of its environment variables. */
  readonly envPrefix: string;
  /** Whether a host name is one of its hosts or under one. */
  ownsHost(hostname: string): boolean;
  /** `parseLink` for a URL on its hosts (any URL for a feed, which has none); null otherwise. */
  parseBookingLink(url: URL | string): L | null;
  /** Why a link on its hosts cannot be polled as written; null when it can. */
  pollProblem(url: URL | string): string | null;
}

export function definePlatform<const N extends string, const K extends PlatformKind, L>(
  definition: PlatformDefinition<N, K, L>,
): Platform<N, K, L> {
  if (!/^[a-z][a-z0-9]*$/.test(definition.name))
    throw new Error(`platform name "${definition.name}": lowercase letters and digits only`);
  const hosts = definition.hosts.map((host) => host.toLowerCase());
  const ownsHost = (hostname: string) => {
    const host = hostname.toLowerCase();
    return hosts.some((h) => host === h || host.endsWith(`.${h}`));
  };
  const { parseLink, unpollable, ...rest } = definition;
  const parseBookingLink = (input: URL | string): L | null => {
    const url = typeof input === 'string' ? URL.parse(input) : input;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
    if (definition.kind === 'booking' && !ownsHost(url.hostname)) return null;
    return parseLink(url);
  };
  return {
    ...rest,
    hosts,
    configKey: definition.name,
    envPrefix: `CRENEAU_${definition.name.toUpperCase()}_`,
    ownsHost,
    parseBookingLink,
    pollProblem(input) {
      const link = parseBookingLink(input);
      if (link === null)
        return `a ${definition.label} page, not a centre's booking link (${definition.linkExample})`;
      return unpollable?.(link) ?? null;
    },
  };
}

/**
 * A URI component decoded, or `fallback` when it is not valid percent-encoding (`%E2%82` cut short):
 * booking links come from a hand-edited official list, and a link parser must not throw on one.
 * Exported here so that each platform.ts stays a leaf importing only this module.
 */
export function decodedComponent(component: string, fallback: string = component): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return fallback;
  }
}
