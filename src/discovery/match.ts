import { distanceKm } from '../geo/distance.ts';
import type { Centre } from '../registry/centre.ts';
import { comparableWords, nameSimilarity } from '../registry/centre-name.ts';
import type { DiscoveredCentre, MatchEvidence } from './proposal.ts';
import type { Finding } from './proposal-store.ts';

/**
 * The matching rule of discovery (docs/DISCOVERY.md, "Matching"): which registry centre, if any, a
 * centre found on a platform is.
 *
 * 1. Platform identifiers first, over the whole listing: a registry centre whose booking link on the
 *    same platform names the same place (Keldoc's cabinet, Doctolib's practice, Maiia's centerid), or
 *    that the platform itself names (a SMART Location's identifier), is that place, however far apart
 *    the two positions are. A registry link of the same page that lacks the place's id (a Maiia link
 *    without `centerid=`, a Doctolib booking without `pid=`) is the place too when the page holds only
 *    that place.
 * 2. Then name, address and distance, among the registry centres not taken yet: names compared by their
 *    distinctive words (accents, case, punctuation and the words every centre has — centre, vaccination,
 *    de, la… — left out; `St` is `Saint`), addresses by their words with street types spelt out (`av.` is
 *    `avenue`) and the postcode. A registry centre is the place when the names are similar (Dice ≥ 0.6)
 *    and either the address and postcode are the same (positions, when both known, within 1 km) or the
 *    positions are within 150 m. When several qualify, the most similar name wins, then the same
 *    address, then the nearest; a tie is no match (two centres in one building with names as close).
 * 3. Otherwise it is a new centre; a registry centre of a similar name further away is named in the
 *    evidence ("moved?"), for the operator to judge.
 */

export const NAME_SIMILARITY_MIN = 0.6;
export const SAME_ADDRESS_MAX_M = 1000;
export const NEAR_MAX_M = 150;
/** How far a registry centre of a similar name is still mentioned in a new centre's evidence. */
const MENTION_MAX_M = 20_000;

/** What a platform's link says of the place it books: its own id, and the page (booking, slug) it is on. */
export interface LinkKeys {
  placeId: string | null;
  page: string | null;
}

/** Per platform: reads a booking link of that platform (null when the link is not one of its). */
export type LinkReaders = Readonly<Record<string, (url: string) => LinkKeys | null>>;

/** A discovered centre with, for a SMART Location, the registry centre ids it names. */
export interface Listed {
  centre: DiscoveredCentre;
  /** Registry centre ids the platform itself gives for this place (SMART identifiers). */
  namesCentres?: readonly string[];
}

export type MatchOutcome =
  | { kind: 'matched'; centre: Centre; evidence: MatchEvidence; viaPage: boolean }
  | { kind: 'new'; evidence: MatchEvidence };

const STREET_WORDS: ReadonlyMap<string, string> = new Map([
  ['av', 'avenue'],
  ['ave', 'avenue'],
  ['bd', 'boulevard'],
  ['bld', 'boulevard'],
  ['boul', 'boulevard'],
  ['r', 'rue'],
  ['pl', 'place'],
  ['ch', 'chemin'],
  ['chem', 'chemin'],
  ['rte', 'route'],
  ['all', 'allee'],
  ['imp', 'impasse'],
  ['fg', 'faubourg'],
  ['fbg', 'faubourg'],
  ['sq', 'square'],
  ['qu', 'quai'],
  ['crs', 'cours'],
  ['pass', 'passage'],
  ['res', 'residence'],
  ['zi', 'zone industrielle'],
  ['za', 'zone activite'],
]);
const ADDRESS_NOISE = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'a', 'au', 'aux']);

/** An address's words in one form: accents, case and punctuation gone, street types spelt out. */
export function addressKey(lines: readonly string[]): string {
  return lines
    .flatMap((line) => comparableWords(line))
    .map((word) => STREET_WORDS.get(word) ?? word)
    .join(' ')
    .split(' ')
    .filter((word) => word && !ADDRESS_NOISE.has(word))
    .join(' ');
}

interface Compared {
  centre: Centre;
  similarity: number;
  sameAddress: boolean;
  distanceM: number | null;
}

function compare(listed: DiscoveredCentre, centre: Centre): Compared {
  const listedAddress = addressKey(listed.address.lines);
  const sameAddress =
    listedAddress.length > 0 &&
    listed.address.postcode !== null &&
    listed.address.postcode === centre.address.postcode &&
    listedAddress === addressKey(centre.address.lines);
  const distanceM =
    listed.location && centre.location
      ? Math.round(distanceKm(listed.location, centre.location) * 1000)
      : null;
  return { centre, similarity: nameSimilarity(listed.name, centre.name), sameAddress, distanceM };
}

function qualifies(c: Compared): 'name_address' | 'name_distance' | null {
  if (c.similarity < NAME_SIMILARITY_MIN) return null;
  if (c.sameAddress && (c.distanceM === null || c.distanceM <= SAME_ADDRESS_MAX_M)) return 'name_address';
  if (c.distanceM !== null && c.distanceM <= NEAR_MAX_M) return 'name_distance';
  return null;
}

const round = (n: number) => Math.round(n * 100) / 100;

function evidenceOf(rule: MatchEvidence['rule'], compared: Compared | null, notes: string[]): MatchEvidence {
  return {
    rule,
    distance_m: compared?.distanceM ?? null,
    name_similarity: compared ? round(compared.similarity) : null,
    same_address: compared ? compared.sameAddress : null,
    notes,
  };
}

function better(a: Compared, b: Compared): number {
  return (
    b.similarity - a.similarity ||
    Number(b.sameAddress) - Number(a.sameAddress) ||
    (a.distanceM ?? Number.POSITIVE_INFINITY) - (b.distanceM ?? Number.POSITIVE_INFINITY)
  );
}

/** Registry centres of the same département (or of none known), where a listed centre is looked for. */
function candidatesIn(centres: readonly Centre[]) {
  const byDepartement = new Map<string, Centre[]>();
  const nowhere: Centre[] = [];
  for (const centre of centres) {
    if (centre.duplicate_of) continue;
    if (!centre.departement) nowhere.push(centre);
    else {
      const list = byDepartement.get(centre.departement) ?? [];
      list.push(centre);
      byDepartement.set(centre.departement, list);
    }
  }
  return (departement: string | null) =>
    departement ? [...(byDepartement.get(departement) ?? []), ...nowhere] : centres;
}

/**
 * Matches every listed centre onto the registry (the rule above). Each registry centre is taken by at
 * most one listed centre: identifiers first over the whole listing, then names in listing order.
 */
export function matchListed(
  listed: readonly Listed[],
  centres: readonly Centre[],
  readers: LinkReaders,
): MatchOutcome[] {
  const byId = new Map(centres.map((c) => [c.id, c]));
  const taken = new Set<string>();
  const outcomes: Array<MatchOutcome | undefined> = new Array(listed.length);

  // Registry links by platform: their place ids, and their pages without a place id.
  const byPlace = new Map<string, Centre>();
  const byPageWithoutId = new Map<string, Centre[]>();
  for (const centre of centres) {
    const url = centre.booking.url;
    if (!url || centre.duplicate_of) continue;
    for (const [platform, read] of Object.entries(readers)) {
      const keys = read(url);
      if (!keys) continue;
      if (keys.placeId) {
        if (!byPlace.has(`${platform} ${keys.placeId}`)) byPlace.set(`${platform} ${keys.placeId}`, centre);
      } else if (keys.page) {
        const list = byPageWithoutId.get(`${platform} ${keys.page}`) ?? [];
        list.push(centre);
        byPageWithoutId.set(`${platform} ${keys.page}`, list);
      }
    }
  }
  // How many listed places each page holds: a page without id names a place only when it holds one.
  const placesOnPage = new Map<string, number>();
  const pageOf = (item: Listed) => {
    const url = item.centre.booking_url;
    const keys = url ? readers[item.centre.platform]?.(url) : null;
    return keys?.page ? `${item.centre.platform} ${keys.page}` : null;
  };
  for (const item of listed) {
    const page = pageOf(item);
    if (page) placesOnPage.set(page, (placesOnPage.get(page) ?? 0) + 1);
  }

  const identified = (centre: Centre, item: Listed, viaPage: boolean, how: string): MatchOutcome => {
    const compared = compare(item.centre, centre);
    const notes = [how];
    if (compared.distanceM !== null && compared.distanceM > SAME_ADDRESS_MAX_M)
      notes.push(
        `positions ${(compared.distanceM / 1000).toFixed(1)} km apart: the centre may have moved (the registry keeps its address)`,
      );
    return { kind: 'matched', centre, evidence: evidenceOf('identifier', compared, notes), viaPage };
  };

  listed.forEach((item, i) => {
    const { platform, platform_id: placeId } = item.centre;
    const named = item.namesCentres?.map((id) => byId.get(id)).find((c) => c && !taken.has(c.id));
    if (named) {
      taken.add(named.id);
      outcomes[i] = identified(
        named,
        item,
        false,
        `the ${platform} listing names registry centre ${named.id}`,
      );
      return;
    }
    const same = byPlace.get(`${platform} ${placeId}`);
    if (same && !taken.has(same.id)) {
      taken.add(same.id);
      outcomes[i] = identified(same, item, false, `its booking link names ${platform} place ${placeId}`);
      return;
    }
  });
  listed.forEach((item, i) => {
    if (outcomes[i]) return;
    const page = pageOf(item);
    if (!page || placesOnPage.get(page) !== 1) return;
    const onPage = (byPageWithoutId.get(page) ?? []).filter((c) => !taken.has(c.id));
    const [only] = onPage;
    if (onPage.length !== 1 || !only) return;
    taken.add(only.id);
    outcomes[i] = identified(
      only,
      item,
      true,
      `its booking link is the same ${item.centre.platform} page, without the place's id`,
    );
  });

  const candidatesOf = candidatesIn(centres);
  listed.forEach((item, i) => {
    if (outcomes[i]) return;
    const compared = candidatesOf(item.centre.departement)
      .filter((c) => !taken.has(c.id))
      .map((c) => compare(item.centre, c));
    const qualified = compared.filter((c) => qualifies(c) !== null).sort(better);
    const [best, second] = qualified;
    if (best && (!second || better(best, second) !== 0)) {
      taken.add(best.centre.id);
      const rule = qualifies(best) ?? 'name_distance';
      const notes = [
        rule === 'name_address'
          ? `same address and postcode as ${best.centre.id}, similar name`
          : `similar name ${best.distanceM} m from ${best.centre.id}`,
      ];
      if (second) notes.push(`also close: ${second.centre.id} (name ${round(second.similarity)})`);
      outcomes[i] = {
        kind: 'matched',
        centre: best.centre,
        evidence: evidenceOf(rule, best, notes),
        viaPage: false,
      };
      return;
    }
    const notes: string[] = [];
    if (best && second)
      notes.push(
        `as close to ${best.centre.id} as to ${second.centre.id}: no match, for the operator to judge`,
      );
    const similar = compared
      .filter(
        (c) =>
          c.similarity >= NAME_SIMILARITY_MIN &&
          qualifies(c) === null &&
          (c.distanceM === null || c.distanceM <= MENTION_MAX_M),
      )
      .sort(better)[0];
    if (similar)
      notes.push(
        `similar name to ${similar.centre.id}${similar.distanceM === null ? '' : ` ${(similar.distanceM / 1000).toFixed(1)} km away`}: moved, or another centre?`,
      );
    outcomes[i] = { kind: 'new', evidence: evidenceOf('none', similar ?? null, notes) };
  });
  return outcomes as MatchOutcome[];
}

/**
 * What the matches ask of the operator: a new centre for each place no registry centre is, the link
 * for a registry centre without one, the place's id for a registry link that lacks it. A match that
 * adds nothing (the registry already books this place) is no proposal.
 */
export function findingsOf(listed: readonly Listed[], outcomes: readonly MatchOutcome[]): Finding[] {
  const findings: Finding[] = [];
  listed.forEach((item, i) => {
    const outcome = outcomes[i];
    if (!outcome) return;
    const { centre: discovered } = item;
    if (outcome.kind === 'new') {
      findings.push({
        kind: 'new_centre',
        platform: discovered.platform,
        discovered,
        evidence: outcome.evidence,
      });
      return;
    }
    const registry = outcome.centre;
    const about = { centreId: registry.id, centreGid: registry.source.id };
    if (!discovered.booking_url) return;
    if (!registry.booking.url) {
      findings.push({
        kind: 'link',
        platform: discovered.platform,
        ...about,
        discovered,
        evidence: outcome.evidence,
      });
    } else if (outcome.viaPage && registry.booking.url !== discovered.booking_url) {
      findings.push({
        kind: 'platform_id',
        platform: discovered.platform,
        ...about,
        discovered,
        evidence: outcome.evidence,
      });
    }
  });
  return findings;
}
