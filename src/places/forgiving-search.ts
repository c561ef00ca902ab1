import type { GazetteerColumns } from './gazetteer-columns.ts';
import { searchKey } from './normalise.ts';
import type { PlaceSuggestion } from './types.ts';

type Suggest = (query: string, limit?: number) => PlaceSuggestion[];

/** Edits allowed for a typo: none for very short names (too many neighbours), then one, then two. */
function maxEdits(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

// Three reusable rows: the fuzzy pass compares a query with every commune name, so no allocation per name.
const ROWS = [new Int32Array(128), new Int32Array(128), new Int32Array(128)] as const;

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps: "Rnenes"), giving up as soon as
 * every cell of a row exceeds `limit`, so most of France's names cost a few operations each.
 */
export function editDistance(a: string, b: string, limit: number): number {
  return editDistanceIn(a, b, 0, b.length, limit);
}

/** `editDistance(a, text.slice(start, end), limit)` without making the slice: the typo pass reads names in place. */
export function editDistanceIn(a: string, text: string, start: number, end: number, limit: number): number {
  const bLength = end - start;
  if (Math.abs(a.length - bLength) > limit) return limit + 1;
  if (bLength >= 127) return a.length === bLength && text.startsWith(a, start) ? 0 : limit + 1;
  let [before, previous, current] = ROWS;
  for (let j = 0; j <= bLength; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= bLength; j++) {
      const cost = a.charCodeAt(i - 1) === text.charCodeAt(start + j - 1) ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === text.charCodeAt(start + j - 2) &&
        a.charCodeAt(i - 2) === text.charCodeAt(start + j - 1)
      )
        value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[bLength] as number;
}

export interface ForgivingInput {
  columns: GazetteerColumns;
  /** Turns a commune's row into the suggestion `suggest` would give for it (with the postcode typed, if any). */
  suggestion: (row: number, postcode?: string) => PlaceSuggestion;
}

/**
 * Wraps the exact (prefix) search with what people actually type: a postcode beside the name
 * ("Rennes 35000"), a street address before the commune ("12 rue de la Paix, Rennes"), and typos
 * ("Renes", "Sian-Malo") when the prefix search finds nothing.
 */
export function forgivingSearch(exact: Suggest, input: ForgivingInput): Suggest {
  const { columns } = input;
  const { count, stringStart, nameKey, text } = columns;
  const populationOfRow = (row: number) => columns.population[row] as number;
  /** A commune's `searchKey(name)`, made as a string only for the few communes of a postcode. */
  const keyOf = (row: number) => columns.string(nameKey[row] as number);

  function fuzzy(query: string, limit: number): PlaceSuggestion[] {
    const key = searchKey(query);
    const allowed = maxEdits(key.replace(/ /g, '').length);
    if (allowed === 0 || !/[a-z]/.test(key)) return [];
    const found: Array<{ distance: number; row: number }> = [];
    for (let row = 0; row < count; row++) {
      const id = nameKey[row] as number;
      const distance = editDistanceIn(
        key,
        text,
        stringStart[id] as number,
        stringStart[id + 1] as number,
        allowed,
      );
      if (distance <= allowed) found.push({ distance, row });
    }
    found.sort((a, b) => a.distance - b.distance || populationOfRow(b.row) - populationOfRow(a.row));
    return found.slice(0, limit).map(({ row }) => input.suggestion(row));
  }

  /** The commune named at the end of an address or free text: "… rue de la Paix Rennes" → Rennes. */
  function trailingName(words: readonly string[], limit: number): PlaceSuggestion[] {
    for (let start = 1; start < words.length; start++) {
      const tail = words.slice(start).join(' ');
      const exactTail = exact(tail, limit).filter((s) => searchKey(s.name) === searchKey(tail));
      if (exactTail.length > 0) return exactTail;
    }
    return [];
  }

  function withPostcode(postcode: string, rest: string, limit: number): PlaceSuggestion[] {
    const rows = [...columns.postcodeRowsOf(postcode.trim())];
    const restKey = searchKey(rest);
    if (restKey) {
      const named = rows.filter((row) => {
        const name = keyOf(row);
        return (
          name.startsWith(restKey) ||
          ` ${restKey} `.includes(` ${name} `) ||
          editDistance(restKey, name, maxEdits(name.length)) <= maxEdits(name.length)
        );
      });
      if (named.length > 0) return named.slice(0, limit).map((row) => input.suggestion(row, postcode));
    }
    return exact(postcode, limit);
  }

  let largest = 0;
  for (let row = 0; row < count; row++) largest = Math.max(largest, populationOfRow(row));
  const populationOf = (suggestion: PlaceSuggestion | undefined) => {
    if (!suggestion?.insee) return Number.POSITIVE_INFINITY;
    const row = columns.rowOf(suggestion.insee);
    return row < 0 ? 0 : populationOfRow(row);
  };

  return (query, limit = 10) => {
    const direct = exact(query, limit);
    if (limit <= 0) return direct;
    if (direct.length > 0) {
      // "Renes" is a prefix of Renescure (2,000 people) but meant Rennes (220,000): a near-miss ten
      // times bigger than the best prefix match goes first.
      if (/\d/.test(query)) return direct;
      const top = populationOf(direct[0]);
      if (top * 10 >= largest) return direct;
      const bigger = fuzzy(query, 3).filter(
        (s) => populationOf(s) > 10 * top && !direct.some((d) => d.insee === s.insee),
      );
      return [...bigger, ...direct].slice(0, limit);
    }
    const postcode = /(?:^|\D)(\d{5})(?:\D|$)/.exec(query)?.[1];
    if (postcode) return withPostcode(postcode, query.replace(postcode, ' '), limit);
    const segments = query
      .split(/[,;\n]/)
      .map((segment) => segment.trim())
      .filter((segment) => /\p{L}/u.test(segment));
    for (const segment of segments.slice(1).reverse()) {
      const found = exact(segment, limit);
      if (found.length > 0) return found;
    }
    const words = searchKey(query).split(' ').filter(Boolean);
    const tail = trailingName(words, limit);
    if (tail.length > 0) return tail;
    const last = segments.at(-1) ?? query;
    return fuzzy(last, limit);
  };
}
