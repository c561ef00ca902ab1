import type { BoardSort } from '../board/board-query.ts';
import { compareRows, NATURAL_DIRECTION, type SortKeys } from '../board/board-sort.ts';
import type { BoardRowText } from '../board/board-text.ts';

/**
 * <board-table>: the call-centre board without reloads. Arrow keys move across cells (one tab stop
 * for the whole grid, WAI-ARIA grid pattern), a column heading sorts in place with the server's own
 * rule (board-sort.ts) and keeps the order in the URL, and every poll interval the rows are re-read
 * from the board's JSON (served from Créneau's cache) and rewritten with `textContent`.
 * Without JavaScript the same links and form do all of this through the server.
 */
type Direction = 'asc' | 'desc';

const NAVIGATION_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

class BoardTable extends HTMLElement {
  #timer: ReturnType<typeof setInterval> | undefined;
  #active: HTMLElement | null = null;

  get #table(): HTMLTableElement | null {
    return this.querySelector('table');
  }

  connectedCallback() {
    const table = this.#table;
    if (!table) return;
    table.addEventListener('keydown', (event) => this.#onKey(event));
    table.addEventListener('focusin', (event) => this.#setActive(event.target as HTMLElement));
    table.addEventListener('click', (event) => this.#onClick(event));
    this.#resetTabStops();
    const print = document.querySelector<HTMLButtonElement>('[data-board-print]');
    if (print) {
      print.hidden = false;
      print.addEventListener('click', () => window.print());
    }
    const intervalS = Number(this.dataset.intervalS ?? 0);
    if (this.dataset.json && intervalS > 0)
      this.#timer = setInterval(() => void this.refresh(), intervalS * 1000);
    this.dataset.ready = 'true';
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
  }

  // ---- keyboard: a grid of cells, one tab stop ----

  #grid(): HTMLElement[][] {
    const table = this.#table;
    if (!table) return [];
    return [...table.rows].map((row) => [...row.cells]);
  }

  /** What takes focus in a cell: its link when it has one, else the cell itself. */
  #target(cell: HTMLElement): HTMLElement {
    return cell.querySelector<HTMLElement>('a') ?? cell;
  }

  #resetTabStops() {
    const grid = this.#grid();
    for (const row of grid) for (const cell of row) this.#target(cell).tabIndex = -1;
    const keep = this.#active && this.isConnected && this.contains(this.#active) ? this.#active : null;
    const first = grid[1]?.[0] ?? grid[0]?.[0];
    this.#active = keep ?? (first ? this.#target(first) : null);
    if (this.#active) this.#active.tabIndex = 0;
  }

  #setActive(element: HTMLElement) {
    const cell = element.closest<HTMLElement>('th, td');
    if (!cell || !this.contains(cell)) return;
    const target = this.#target(cell);
    if (this.#active && this.#active !== target) this.#active.tabIndex = -1;
    target.tabIndex = 0;
    this.#active = target;
  }

  #onKey(event: KeyboardEvent) {
    if (!NAVIGATION_KEYS.has(event.key)) return;
    const cell = (event.target as HTMLElement).closest<HTMLTableCellElement>('th, td');
    const grid = this.#grid();
    const rowIndex = grid.findIndex((row) => row.includes(cell as HTMLElement));
    if (!cell || rowIndex < 0) return;
    const columnIndex = grid[rowIndex]?.indexOf(cell) ?? 0;
    const last = grid.length - 1;
    let [r, c] = [rowIndex, columnIndex];
    switch (event.key) {
      case 'ArrowUp':
        r = Math.max(0, r - 1);
        break;
      case 'ArrowDown':
        r = Math.min(last, r + 1);
        break;
      case 'ArrowLeft':
        c = Math.max(0, c - 1);
        break;
      case 'ArrowRight':
        c = c + 1;
        break;
      case 'Home':
        c = 0;
        if (event.ctrlKey) r = 0;
        break;
      case 'End':
        c = Number.POSITIVE_INFINITY;
        if (event.ctrlKey) r = last;
        break;
      case 'PageUp':
        r = Math.max(0, r - 10);
        break;
      case 'PageDown':
        r = Math.min(last, r + 10);
        break;
    }
    const row = grid[r] ?? [];
    const next = row[Math.min(c, row.length - 1)];
    if (!next) return;
    event.preventDefault();
    const target = this.#target(next);
    this.#setActive(target);
    target.focus();
  }

  // ---- sorting in place, same rule as the server ----

  #onClick(event: MouseEvent) {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-sort-link]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    const params = new URL(link.href).searchParams;
    const sort = (params.get('tri') ?? 'creneaux') as BoardSort;
    const direction = (params.get('ordre') as Direction | null) ?? null;
    this.sort(sort, direction);
  }

  sort(sort: BoardSort, direction: Direction | null) {
    const body = this.#table?.tBodies[0];
    if (!body) return;
    const compare = compareRows(sort, direction);
    const rows = [...body.rows].map((row) => ({
      row,
      keys: JSON.parse(row.dataset.keys ?? '{}') as SortKeys,
    }));
    rows.sort(compare);
    for (const { row } of rows) body.append(row);
    this.dataset.sort = sort;
    this.dataset.direction = direction ?? '';
    const url = new URL(window.location.href);
    if (sort === 'creneaux') url.searchParams.delete('tri');
    else url.searchParams.set('tri', sort);
    if (direction) url.searchParams.set('ordre', direction);
    else url.searchParams.delete('ordre');
    history.replaceState(history.state, '', url);
    this.#syncControls(sort, direction);
  }

  /** Headings' aria-sort and next-click links, the form's selects and the CSV link follow the new order. */
  #syncControls(sort: BoardSort, direction: Direction | null) {
    const current = direction ?? NATURAL_DIRECTION[sort];
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[data-sort-link]')) {
      const column = link.dataset.sortLink as BoardSort;
      const heading = link.closest('th');
      if (column === sort) heading?.setAttribute('aria-sort', current === 'asc' ? 'ascending' : 'descending');
      else heading?.removeAttribute('aria-sort');
      const url = new URL(window.location.href);
      url.searchParams.set('tri', column);
      if (column === sort) url.searchParams.set('ordre', current === 'asc' ? 'desc' : 'asc');
      else url.searchParams.delete('ordre');
      link.href = `${url.pathname}${url.search}`;
    }
    const form = document.querySelector<HTMLFormElement>('.board-filters');
    const select = (name: string, value: string) => {
      const element = form?.elements.namedItem(name);
      if (element instanceof HTMLSelectElement) element.value = value;
    };
    select('tri', sort);
    select('ordre', direction ?? '');
    const csv = document.querySelector<HTMLAnchorElement>('[data-board-csv]');
    if (csv) csv.href = `${new URL(csv.href).pathname}${window.location.search}`;
  }

  // ---- refresh without reload ----

  async refresh(): Promise<void> {
    if (document.visibilityState === 'hidden') return;
    const status = this.querySelector<HTMLElement>('[data-board-status]');
    try {
      // Revalidated every time (a 304 when nothing changed): never an older copy from the HTTP cache.
      const response = await fetch(`${this.dataset.json}${window.location.search}`, {
        headers: { accept: 'application/json' },
        cache: 'no-cache',
      });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { generated_at: string; summary: string; rows: BoardRowText[] };
      this.#render(body.rows);
      const summary = document.querySelector<HTMLElement>('[data-board-summary]');
      if (summary) summary.textContent = body.summary;
      const time = new Intl.DateTimeFormat(this.dataset.lang === 'en' ? 'en-GB' : 'fr-FR', {
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(body.generated_at));
      if (status) status.textContent = (this.dataset.refreshed ?? '{time}').replace('{time}', time);
      this.dataset.refreshedAt = body.generated_at;
    } catch {
      if (status) status.textContent = this.dataset.failed ?? '';
    }
  }

  #render(rows: readonly BoardRowText[]) {
    const body = this.#table?.tBodies[0];
    if (!body) return;
    // Focus stays on the same centre and column across the rewrite.
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const focusedRow = focused?.closest<HTMLTableRowElement>('tbody tr');
    const focusedCell = focused?.closest<HTMLTableCellElement>('th, td');
    const keep = focusedRow ? { id: focusedRow.dataset.centreId, column: focusedCell?.cellIndex ?? 0 } : null;
    const withDistance = this.querySelector('th[data-column="distance"]') !== null;
    const english = this.dataset.lang === 'en';
    body.replaceChildren(...rows.map((row) => this.#row(row, withDistance, english)));
    this.#resetTabStops();
    if (keep) {
      const row = [...body.rows].find((r) => r.dataset.centreId === keep.id);
      const cell = row?.cells[keep.column];
      if (cell) {
        const target = this.#target(cell);
        this.#setActive(target);
        target.focus();
      }
    }
  }

  #row(row: BoardRowText, withDistance: boolean, english: boolean): HTMLTableRowElement {
    const tr = document.createElement('tr');
    tr.className = `board-row board-row--${row.state}`;
    tr.dataset.centreId = row.id;
    tr.dataset.state = row.state;
    tr.dataset.keys = JSON.stringify(row.keys);
    const cell = (tag: 'th' | 'td', name: string | null, text: string, className?: string) => {
      const element = document.createElement(tag);
      if (name) element.dataset.cell = name;
      if (className) element.className = className;
      element.textContent = text;
      tr.append(element);
      return element;
    };
    const name = cell('th', null, '', 'board-name');
    name.scope = 'row';
    const link = document.createElement('a');
    link.href = `/centres/${encodeURIComponent(row.id)}${english ? '?lang=en' : ''}`;
    link.textContent = row.name;
    name.append(link);
    cell('td', 'commune', row.commune);
    if (withDistance) cell('td', 'distance', row.distance, 'board-num');
    const phone = cell('td', 'phone', '', 'board-phone');
    if (row.phone) {
      const tel = document.createElement('a');
      tel.href = row.phone.href;
      tel.textContent = row.phone.label;
      phone.append(tel);
    } else {
      const none = document.createElement('span');
      none.className = 'board-muted';
      none.textContent = row.noPhone;
      phone.append(none);
    }
    cell('td', 'platform', row.platform);
    cell('td', 'total', row.total, 'board-num board-total');
    cell('td', 'next', row.next);
    cell('td', 'freshness', row.freshness, 'board-freshness');
    row.days.forEach((count, i) => {
      const classes = ['board-num', 'board-day'];
      if (row.unknownDays[i]) classes.push('board-unknown');
      if (count === '0') classes.push('board-zero');
      cell('td', 'day', count, classes.join(' '));
    });
    return tr;
  }
}

customElements.define('board-table', BoardTable);
