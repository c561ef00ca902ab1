import type { BoardSort } from './board-query.ts';

/**
 * What a row is sorted by, one value per column; null is "not known" and always goes last, in
 * either direction (an unknown count is not a small one). Plain data, so the browser island sorts
 * with this same rule from the rows' `data-keys`.
 */
export type SortKeys = Record<BoardSort, string | number | null>;

/** Each column's first-click direction: most slots and freshest first, names A to Z. */
export const NATURAL_DIRECTION: Readonly<Record<BoardSort, 'asc' | 'desc'>> = {
  centre: 'asc',
  commune: 'asc',
  creneaux: 'desc',
  prochain: 'asc',
  plateforme: 'asc',
  fraicheur: 'asc',
  distance: 'asc',
};

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** A comparator for rows by one column; ties by centre name, so the order is stable everywhere. */
export function compareRows(sort: BoardSort, direction: 'asc' | 'desc' | null) {
  const sign = (direction ?? NATURAL_DIRECTION[sort]) === 'asc' ? 1 : -1;
  return (a: { keys: SortKeys }, b: { keys: SortKeys }): number => {
    const x = a.keys[sort];
    const y = b.keys[sort];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const order = compareValues(x, y) * sign;
      if (order !== 0) return order;
    }
    return compareValues(a.keys.centre ?? '', b.keys.centre ?? '');
  };
}

export function sortRows<Row extends { keys: SortKeys }>(
  rows: readonly Row[],
  sort: BoardSort,
  direction: 'asc' | 'desc' | null,
): Row[] {
  return [...rows].sort(compareRows(sort, direction));
}
