import { PAGE_SIZE, pageNumber } from './params.ts';

export interface Paged<T> {
  items: T[];
  /** 1-based, clamped to the last page (a page past the end shows the last one). */
  page: number;
  pages: number;
  total: number;
  /** Index of the first item shown in the whole list (0-based). */
  start: number;
}

/** The page a results URL asks for (`page=`), 1 when absent or malformed. */
export function requestedPage(params: URLSearchParams): number {
  return pageNumber.parse(params.get('page') ?? undefined) ?? 1;
}

/** One page of a list already in display order: the nearest first, so page 1 is what most people need. */
export function pageOf<T>(all: readonly T[], page: number, size = PAGE_SIZE): Paged<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const current = Math.min(Math.max(1, Math.trunc(page)), pages);
  const start = (current - 1) * size;
  return { items: all.slice(start, start + size), page: current, pages, total: all.length, start };
}

/** The same URL on another page: every other parameter kept, `page` left out for the first page. */
export function pageHref(url: URL, page: number): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete('page');
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}
