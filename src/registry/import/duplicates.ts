import { z } from 'zod';
import { distanceKm } from '../../geo/distance.ts';
import { manifest } from '../../platforms/manifest.ts';
import type { Centre } from '../centre.ts';
import { comparableWords, distinctiveNameWords } from '../centre-name.ts';

/**
 * The rule for "the same place entered twice" (docs/IMPORT.md, Duplicates). Two rows are one centre when
 * 1. they book on the same agenda: the same booking platform and what that platform's own link parser
 *    reads from the link (a Doctolib booking slug and practice, a Maiia centre id…), when it holds the
 *    platform's id of one place (a slug alone may be a whole département's booking); or
 * 2. they have the same normalised address and postcode, both positioned from their own coordinates
 *    within 100 m of each other, and similar names (half their distinctive words in common);
 * unless the operator's file says otherwise (`duplicates.csv` in the data directory, by gid, read at each
 * import). Groups are joined transitively; the centre kept is the first row not closed on the day of the
 * import that has a booking link, else the first with a booking link, else the first row.
 */
export const SAME_PLACE_METRES = 100;

export const DUPLICATES_FILE_NAME = 'duplicates.csv';

export const DuplicateGroup = z.object({
  kept: z.object({ row: z.number().int(), gid: z.string(), id: z.string() }),
  others: z.array(z.object({ row: z.number().int(), gid: z.string(), id: z.string() })),
  /** Why they are one centre, for each link found (`same booking target doctolib …`, `same address …`). */
  reasons: z.array(z.string()),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroup>;

export interface DuplicateOverride {
  a: string;
  b: string;
  verdict: 'same' | 'different';
}

export interface RowCentre {
  row: number;
  centre: Centre;
}

/**
 * The operator's file: one pair a line, `gid;gid;same` or `gid;gid;different` (`,` also accepted),
 * `#` starts a comment. Lines that do not read are returned as problems, never silently dropped.
 */
export function parseDuplicateOverrides(text: string): {
  overrides: DuplicateOverride[];
  problems: string[];
} {
  const overrides: DuplicateOverride[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const [a, b, verdict] = line.split(/\s*[;,]\s*/);
    if (a && b && (verdict === 'same' || verdict === 'different')) overrides.push({ a, b, verdict });
    else problems.push(`line ${index + 1}: "${raw.trim()}" is not gid;gid;same|different`);
  });
  return { overrides, problems };
}

/** Which agenda a centre books on, as its platform reads the link; null when no platform reads it. */
export function bookingTarget(centre: Pick<Centre, 'booking'>): string | null {
  const { url, platform: name } = centre.booking;
  if (!url) return null;
  const platform = manifest.named(name);
  if (platform?.kind !== 'booking') return null;
  const parsed = platform.parseBookingLink(url);
  if (parsed === null || typeof parsed !== 'object') return null;
  // A link names one agenda only with the platform's own id of a place (Doctolib's practice, Maiia's
  // centre, Keldoc's cabinet): a bare booking slug may cover a whole département's centres.
  const placeIds = Object.entries(parsed).filter(([key]) => /id$/i.test(key) && !/specialt/i.test(key));
  if (!placeIds.some(([, value]) => value !== null && value !== undefined && value !== '')) return null;
  return `${platform.name} ${stableJson(parsed)}`;
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

const STREET_WORDS: Readonly<Record<string, string>> = {
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  bvd: 'boulevard',
  r: 'rue',
  pl: 'place',
  rte: 'route',
  chem: 'chemin',
  imp: 'impasse',
  all: 'allee',
  fg: 'faubourg',
  st: 'saint',
  ste: 'sainte',
};

/** `12 av. Jean-Jaurès` and `12 Avenue Jean Jaures` read the same. */
export function normalisedAddress(centre: Pick<Centre, 'address'>): string | null {
  const street = comparableWords(centre.address.lines.join(' ')).map((word) => STREET_WORDS[word] ?? word);
  if (street.length === 0 || !centre.address.postcode) return null;
  return `${centre.address.postcode} ${street.join(' ')}`;
}

/** Half the distinctive words of the shorter name in the other (two generic names are similar). */
export function similarNames(a: string, b: string): boolean {
  const left = distinctiveNameWords(a);
  const right = distinctiveNameWords(b);
  const smaller = Math.min(left.size, right.size);
  if (smaller === 0) return left.size === right.size;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / smaller >= 0.5;
}

function samePlace(a: Centre, b: Centre): boolean {
  if (a.location?.precision !== 'address' || b.location?.precision !== 'address') return false;
  return distanceKm(a.location, b.location) * 1000 <= SAME_PLACE_METRES && similarNames(a.name, b.name);
}

export interface DuplicateOutcome {
  /** The centres, each duplicate with `duplicate_of` set to the id of the one kept in its group. */
  centres: Centre[];
  groups: DuplicateGroup[];
}

/** Finds the groups by the rule above and marks every centre but the kept one of each. */
export function findDuplicates(
  rows: readonly RowCentre[],
  overrides: readonly DuplicateOverride[] = [],
  isClosed: (centre: Centre) => boolean = () => false,
): DuplicateOutcome {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);
  const different = new Set(overrides.filter((o) => o.verdict === 'different').map((o) => pairKey(o.a, o.b)));
  const gidOf = (i: number) => rows[i]?.centre.source.id ?? rows[i]?.centre.id ?? '';
  const reasons = new Map<number, string[]>();
  const join = (i: number, j: number, reason: string) => {
    if (different.has(pairKey(gidOf(i), gidOf(j)))) return;
    const a = find(i);
    const b = find(j);
    const root = Math.min(a, b);
    const merged = [...(reasons.get(a) ?? []), ...(a === b ? [] : (reasons.get(b) ?? [])), reason];
    parent[Math.max(a, b)] = root;
    reasons.delete(Math.max(a, b));
    reasons.set(root, merged);
  };
  const rowOf = (i: number) => rows[i]?.row ?? 0;

  const byTarget = new Map<string, number>();
  const byAddress = new Map<string, number[]>();
  rows.forEach(({ centre }, i) => {
    const target = bookingTarget(centre);
    if (target !== null) {
      const first = byTarget.get(target);
      if (first === undefined) byTarget.set(target, i);
      else join(first, i, `rows ${rowOf(first)} and ${rowOf(i)}: same booking target (${target})`);
    }
    const address = normalisedAddress(centre);
    if (address !== null) {
      const earlier = byAddress.get(address) ?? [];
      for (const j of earlier) {
        const other = rows[j]?.centre;
        if (other && samePlace(other, centre))
          join(
            j,
            i,
            `rows ${rowOf(j)} and ${rowOf(i)}: same address (${address}) within ${SAME_PLACE_METRES} m, similar names`,
          );
      }
      earlier.push(i);
      byAddress.set(address, earlier);
    }
  });
  const indexOfGid = new Map(rows.map((_, i) => [gidOf(i), i]));
  for (const { a, b, verdict } of overrides) {
    const i = indexOfGid.get(a);
    const j = indexOfGid.get(b);
    if (verdict === 'same' && i !== undefined && j !== undefined)
      join(
        i,
        j,
        `rows ${rowOf(i)} and ${rowOf(j)}: the operator says gid ${a} and ${b} are the same (${DUPLICATES_FILE_NAME})`,
      );
  }

  const members = new Map<number, number[]>();
  rows.forEach((_, i) => {
    const root = find(i);
    members.set(root, [...(members.get(root) ?? []), i]);
  });
  const centres = rows.map(({ centre }) => ({ ...centre, duplicate_of: null as string | null }));
  const groups: DuplicateGroup[] = [];
  for (const [root, group] of members) {
    if (group.length < 2) continue;
    const booked = group.filter((i) => rows[i]?.centre.booking.url);
    const keptIndex =
      booked.find((i) => !isClosed(rows[i]?.centre as Centre)) ?? booked[0] ?? (group[0] as number);
    const ref = (i: number) => ({ row: rowOf(i), gid: gidOf(i), id: rows[i]?.centre.id ?? '' });
    const keptId = rows[keptIndex]?.centre.id ?? '';
    for (const i of group) if (i !== keptIndex) (centres[i] as Centre).duplicate_of = keptId;
    groups.push({
      kept: ref(keptIndex),
      others: group.filter((i) => i !== keptIndex).map(ref),
      reasons: reasons.get(root) ?? [],
    });
  }
  return { centres, groups: groups.sort((a, b) => a.kept.row - b.kept.row) };
}
