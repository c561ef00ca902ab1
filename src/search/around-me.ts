import { searchKey } from '../places/normalise.ts';

/**
 * Issue 15, point 1: "autour de moi" typed in the search box acts like the "Autour de moi" button
 * (the browser asks for the position); without JavaScript the page says how to search around you.
 * Shared by the server (page-search.ts) and the `<place-search>` island.
 */
const AROUND_ME = new Set(
  [
    'autour de moi',
    'pres de moi',
    'pres de chez moi',
    'autour de chez moi',
    'a proximite',
    'ma position',
    'ici',
    'around me',
    'near me',
    'nearby',
    'my location',
  ].map(searchKey),
);

export function isAroundMe(query: string): boolean {
  return AROUND_ME.has(searchKey(query));
}
