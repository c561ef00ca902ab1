import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardRowText } from '../../src/board/board-text.ts';
import { en } from '../../src/i18n/en.ts';
import { fr } from '../../src/i18n/fr.ts';
import { getGazetteer } from '../../src/places/gazetteer.ts';
import type { Centre } from '../../src/registry/centre.ts';
import { generateDemoRegistry } from '../../src/registry/demo.ts';
import { writeRegistry } from '../../src/registry/store.ts';
import { DAY_MS } from '../../src/shared/time.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { axeViolations } from '../support/axe.ts';
import { isolate, launchChromium } from '../support/browser.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

/**
 * The call-centre board of a 30-centre département (Paris, from the demo centres) against a
 * simulator whose clock this test holds: its data changes only when the test moves that clock, and
 * the page's own timers run on Playwright's clock, so "refreshes every poll interval" is driven,
 * never waited for.
 */
const PROVIDERS = /(doctolib\.fr|maiia\.com|keldoc\.com|\.example)$/;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const BOARD = '/tableau/departements/75';
const CENTRES = 30;

let simulator: Simulator;
let server: RunningServer;
let browser: Browser;
let simulatedAt = Date.now();

/** 30 listed centres in Paris: the demo's Parisian ones, topped up with neighbours moved into Paris. */
function parisCentres(): Centre[] {
  const demo = generateDemoRegistry(getGazetteer()).centres;
  const near = ['75', '92', '93', '94', '91', '95', '78', '77'];
  const picked = near
    .flatMap((code) => demo.filter((centre) => centre.departement === code))
    .slice(0, CENTRES);
  return picked.map((centre, i) => ({
    ...centre,
    departement: '75',
    commune:
      centre.departement === '75' ? centre.commune : { insee: '75111', name: 'Paris 11e Arrondissement' },
    address:
      centre.departement === '75'
        ? centre.address
        : { lines: [`${i + 1} rue de la Roquette`], postcode: '75011' },
    location:
      centre.departement === '75'
        ? centre.location
        : { lat: 48.857 + i * 0.001, lon: 2.38, precision: 'address' },
    opens_on: '2021-01-04',
    closes_on: null,
    health_professionals_only: false,
  }));
}

interface BoardJson {
  generated_at: string;
  rows: BoardRowText[];
}
async function boardJson(query = ''): Promise<BoardJson> {
  const response = await fetch(`${server.url}${BOARD}.json${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as BoardJson;
}

/** A deadline with progress: the probe is asked again until it answers. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what}: not within ${seconds} s`);
}

beforeAll(async () => {
  const centres = parisCentres();
  simulator = await startSimulator({ centres, clock: () => new Date(simulatedAt) });
  const dataDir = tempDataDir('creneau-board-');
  const demo = generateDemoRegistry(getGazetteer());
  await writeRegistry(dataDir, { ...demo, centres });
  const config = path.join(dataDir, 'creneau.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      providers: Object.fromEntries(
        Object.entries(simulator.urls).map(([name, url]) => [name, { base_url: url }]),
      ),
      poller: {
        initial_spread_s: 1,
        intervals: { active_s: 5, quiet_s: 5, dormant_s: 5 },
        retry: { attempts: 1 },
      },
    }),
  );
  [server, browser] = await Promise.all([
    startServer({
      dataDir,
      // The machine is shared while tests run: load shedding (a 503 past 500 ms of event-loop lag) is
      // another test's subject, not this one's.
      env: {
        ...OPERATOR_PUBLIC_URL,
        CRENEAU_CONFIG: config,
        CRENEAU_STATS_ENABLED: 'off',
        CRENEAU_OVERLOAD_LAG_MS: '60000',
      },
    }),
    launchChromium(),
  ]);
  await until(
    'the poller checking the board’s centres',
    async () => {
      const { rows } = await boardJson();
      const checked = rows.filter((row) => row.state === 'slots' || row.state === 'none');
      return rows.length === CENTRES && checked.length >= 20 && rows.some((row) => row.state === 'slots')
        ? true
        : undefined;
    },
    120,
  );
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await simulator?.close();
});

async function open(
  size: typeof PHONE | typeof DESKTOP,
  options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...size,
    ...options,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  await isolate(context, server.url, PROVIDERS);
  return { context, page: await context.newPage() };
}

const rowIds = (page: Page) =>
  page
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.centreId ?? ''));
const cellTexts = (page: Page, cell: string) => page.locator(`tbody [data-cell="${cell}"]`).allTextContents();
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)('the board on a %s', (_name, size) => {
  it('shows one row per centre with 14 day columns, unknown as "?", phones on one line', async () => {
    const { context, page } = await open(size);
    await page.goto(`${server.url}${BOARD}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Tableau des centres : Paris (75)');
    expect(await page.locator('tbody tr').count()).toBe(CENTRES);
    expect(await page.locator('thead th.board-day').count()).toBe(14);
    const headings = await page.locator('thead th:not(.board-day)').allTextContents();
    expect(headings.map((heading) => heading.trim())).toEqual([
      'Centre',
      'Commune',
      'Téléphone',
      'Plateforme',
      'Créneaux',
      'Prochain créneau',
      'Vérifié',
    ]);
    expect(await page.locator('tbody tr').first().locator('[data-cell="day"]').count()).toBe(14);
    // Counts not known are "?", never 0.
    const unknownDays = await page
      .locator(
        'tbody tr[data-state="unknown"] [data-cell="day"], tbody tr[data-state="phone"] [data-cell="day"]',
      )
      .allTextContents();
    expect(unknownDays.every((text) => text === '?')).toBe(true);
    const slotRow = page.locator('tbody tr[data-state="slots"]').first();
    expect(
      Number((await slotRow.locator('[data-cell="total"]').textContent())?.replace(/\D/g, '')),
    ).toBeGreaterThan(0);
    const phones = page.locator('tbody [data-cell="phone"] a');
    expect(await phones.count()).toBeGreaterThan(0);
    const lines = await phones.evaluateAll((links) =>
      links.map((link) => ({ href: link.getAttribute('href') ?? '', boxes: link.getClientRects().length })),
    );
    for (const line of lines) {
      expect(line.href).toMatch(/^tel:\+?\d+$/);
      expect(line.boxes).toBe(1);
    }
    // The table scrolls in its own box: the page itself never gets wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('sorts in place from a column heading, most slots first by default, unknown last', async () => {
    const { context, page } = await open(size);
    await page.goto(`${server.url}${BOARD}`);
    await page.locator('board-table[data-ready="true"]').waitFor();
    const totals = (await cellTexts(page, 'total')).map((text) =>
      /^[\d\s\u202f]+$/.test(text) ? Number(text.replace(/\D/g, '')) : null,
    );
    const known = totals.filter((total) => total !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(totals.slice(known.length).every((total) => total === null)).toBe(true);

    await page.evaluate(() => {
      (window as unknown as { boardMarker: string }).boardMarker = 'same page';
    });
    await page.getByRole('link', { name: 'Trier par Centre' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tri')).toBe('centre');
    const names = await page.locator('tbody th').allTextContents();
    expect(names).toEqual([...names].sort(collator.compare));
    await expect(page.locator('th[data-column="centre"]').getAttribute('aria-sort')).resolves.toBe(
      'ascending',
    );
    await page.getByRole('link', { name: 'Trier par Centre' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ordre')).toBe('desc');
    expect(await page.locator('tbody th').allTextContents()).toEqual([...names].reverse());
    await expect(page.locator('th[data-column="centre"]').getAttribute('aria-sort')).resolves.toBe(
      'descending',
    );
    expect(await page.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker)).toBe(
      'same page',
    );
    // The server agrees: the URL the island wrote gives the same order without JavaScript.
    const served = await boardJson('?tri=centre&ordre=desc');
    expect(served.rows.map((row) => row.id)).toEqual(await rowIds(page));
    await context.close();
  });

  it('filters on the server through its form and URL, without JavaScript', async () => {
    const { context, page } = await open(size, { javaScriptEnabled: false });
    await page.goto(`${server.url}${BOARD}`);
    await page.getByLabel('Seulement avec des créneaux').check();
    await Promise.all([page.waitForURL(/dispo=1/), page.getByRole('button', { name: 'Afficher' }).click()]);
    const states = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.state));
    expect(states.length).toBeGreaterThan(0);
    expect(states.length).toBeLessThan(CENTRES);
    expect(new Set(states)).toEqual(new Set(['slots']));

    await page.goto(`${server.url}${BOARD}`);
    await page.locator('select[name="plateforme"]').selectOption('maiia');
    await Promise.all([
      page.waitForURL(/plateforme=maiia/),
      page.getByRole('button', { name: 'Afficher' }).click(),
    ]);
    const platforms = await cellTexts(page, 'platform');
    expect(platforms.length).toBeGreaterThan(0);
    expect(new Set(platforms)).toEqual(new Set(['Maiia']));

    await page.goto(`${server.url}${BOARD}?tel=1`);
    const phoneOnly = await page.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        state: (row as HTMLElement).dataset.state,
        platform: row.querySelector('[data-cell="platform"]')?.textContent,
      })),
    );
    expect(phoneOnly.length).toBeGreaterThan(0);
    for (const row of phoneOnly)
      expect(row.state === 'phone' || row.platform === 'téléphone uniquement').toBe(true);

    const bad = await page.goto(`${server.url}${BOARD}?dose=3`);
    expect(bad?.status()).toBe(400);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(
      /^Adresse du tableau invalide \(dose: /,
    );
    await context.close();
  });

  it('moves across cells with the arrow keys, one tab stop for the whole table', async () => {
    const { context, page } = await open(size);
    await page.goto(`${server.url}${BOARD}`);
    await page.locator('board-table[data-ready="true"]').waitFor();
    expect(await page.locator('table [tabindex="0"]').count()).toBe(1);
    const where = () =>
      page.evaluate(() => {
        const cell = document.activeElement?.closest('th, td') as HTMLTableCellElement | null;
        const row = cell?.parentElement as HTMLTableRowElement | null;
        return { row: row?.rowIndex ?? -1, column: cell?.cellIndex ?? -1 };
      });
    await page.locator('tbody tr').first().locator('th a').focus();
    expect(await where()).toEqual({ row: 1, column: 0 });
    await page.keyboard.press('ArrowRight');
    expect(await where()).toEqual({ row: 1, column: 1 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await where()).toEqual({ row: 3, column: 1 });
    await page.keyboard.press('End');
    const columns = await page.locator('thead th').count();
    expect(await where()).toEqual({ row: 3, column: columns - 1 });
    await page.keyboard.press('Home');
    expect(await where()).toEqual({ row: 3, column: 0 });
    await page.keyboard.press('Control+End');
    expect(await where()).toEqual({ row: CENTRES, column: columns - 1 });
    await page.keyboard.press('Control+Home');
    expect(await where()).toEqual({ row: 0, column: 0 });
    // Still one tab stop, where the focus is.
    expect(await page.locator('table [tabindex="0"]').count()).toBe(1);
    await context.close();
  });

  it('refreshes its rows every poll interval without reloading', async () => {
    const { context, page } = await open(size);
    await page.clock.install();
    await page.goto(`${server.url}${BOARD}`);
    await page.locator('board-table[data-ready="true"]').waitFor();
    const intervalS = Number(await page.locator('board-table').getAttribute('data-interval-s'));
    expect(intervalS).toBeGreaterThan(0);
    await page.evaluate(() => {
      (window as unknown as { boardMarker: string }).boardMarker = 'same page';
    });
    const shown = new Map(
      await page
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((row) => [
            (row as HTMLElement).dataset.centreId ?? '',
            row.querySelector('[data-cell="total"]')?.textContent ?? '',
          ]),
        ),
    );
    // Two days later for the simulator: the poller's next answers differ.
    simulatedAt += 2 * DAY_MS;
    const changed = await until(
      'the poller reading the simulator’s new day',
      async () =>
        (await boardJson()).rows.find((row) => shown.has(row.id) && shown.get(row.id) !== row.total),
      90,
    );
    const totalCell = page.locator(`tbody tr[data-centre-id="${changed.id}"] [data-cell="total"]`);
    expect(await totalCell.textContent()).toBe(shown.get(changed.id));
    await page.clock.runFor(intervalS * 1000);
    await page.waitForFunction(
      ([id, total]) =>
        document.querySelector(`tbody tr[data-centre-id="${id}"] [data-cell="total"]`)?.textContent === total,
      [changed.id, changed.total] as const,
    );
    expect(await page.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker)).toBe(
      'same page',
    );
    await expect(page.locator('[data-board-status]').textContent()).resolves.toMatch(
      /^Tableau mis à jour à \d\d:\d\d\.$/,
    );
    expect(await page.locator('tbody tr').count()).toBe(CENTRES);
    await context.close();
  });
});

describe('finding the board', () => {
  it('is linked from the département results and from the commune sheet', async () => {
    const { context, page } = await open(DESKTOP);
    await page.goto(`${server.url}/recherche?departement=75`);
    await Promise.all([
      page.waitForURL(/\/tableau\/departements\/75$/),
      page.getByTestId('board-link').click(),
    ]);
    expect(await page.locator('tbody tr').count()).toBe(CENTRES);
    await page.goto(`${server.url}/recherche?departement=75&lang=en`);
    await expect(page.getByTestId('board-link').getAttribute('href')).resolves.toBe(
      '/tableau/departements/75?lang=en',
    );
    await page.goto(`${server.url}/communes/75111?rayon=10`);
    await Promise.all([
      page.waitForURL(/\/tableau\/communes\/75111\?rayon=10$/),
      page.getByTestId('board-link').click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toMatch(
      /^Tableau des centres : .*, à moins de 10 km$/,
    );
    await context.close();
  });
});

describe('the board’s CSV', () => {
  it('has the page’s rows in the page’s order, one column per day, through the formula-safe writer', async () => {
    const response = await fetch(`${server.url}${BOARD}.csv?tri=centre`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="tableau-Paris-75-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    // The byte-order mark French spreadsheets need (a text decoder would hide it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(CENTRES + 1);
    const header = lines[0]?.split(';') ?? [];
    expect(header.filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name))).toHaveLength(14);
    const served = await boardJson('?tri=centre');
    expect(lines.slice(1).map((line) => line.split(';')[0]?.replace(/^"|"$/g, ''))).toEqual(
      served.rows.map((row) => row.name),
    );
  });
});

describe('printing the board', () => {
  it('fits the width of one A4 landscape page', async () => {
    const { context, page } = await open(DESKTOP);
    await page.goto(`${server.url}${BOARD}`);
    await page.emulateMedia({ media: 'print' });
    // A4 landscape less the 8 mm margins: 281 mm = 1062 CSS pixels.
    await page.setViewportSize({ width: 1062, height: 752 });
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      table: document.querySelector('table')?.getBoundingClientRect().right ?? Number.POSITIVE_INFINITY,
      header: getComputedStyle(document.querySelector('body > header') as Element).display,
    }));
    expect(widths.page).toBeLessThanOrEqual(1062);
    expect(widths.table).toBeLessThanOrEqual(1062);
    expect(widths.header).toBe('none');
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThan(0);
    for (const [, width, height] of boxes) {
      expect(Number(width)).toBeCloseTo(841.9, 0);
      expect(Number(height)).toBeCloseTo(595.3, 0);
    }
    await context.close();
  });
});

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const asWord = (s: string) => new RegExp(`(?<!\\p{L})${literal(s)}(?!\\p{L})`, 'u');

function strings(messages: unknown): string[] {
  if (typeof messages === 'string') return [messages];
  return messages && typeof messages === 'object' ? Object.values(messages).flatMap(strings) : [];
}

/**
 * Every French string of the message file that the English file does not also use: brands
 * (Doctolib) and the domain's own French words English keeps ("commune", "département") are left out.
 */
function frenchStrings(): string[] {
  const english = strings(en);
  return [
    ...new Set(
      strings(fr)
        .map((s) => s.trim())
        .filter((s) => /\p{L}{3}/u.test(s) && !english.some((e) => asWord(s).test(e))),
    ),
  ];
}

describe('in English', () => {
  it('has no French string from the message file, on the département and commune boards', async () => {
    const french = frenchStrings();
    expect(french).toContain('Seulement avec des créneaux');
    const { context, page } = await open(DESKTOP);
    for (const target of [`${BOARD}?lang=en`, '/tableau/communes/75111?rayon=10&lang=en']) {
      await page.goto(`${server.url}${target}`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      const text = await page.evaluate(() => {
        const attributes = [
          ...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'),
        ].flatMap((el) =>
          ['aria-label', 'title', 'placeholder', 'alt'].map((name) => el.getAttribute(name) ?? ''),
        );
        // Every text node, shown or not (the print-only lines too), one per line.
        const texts: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
        return [document.title, ...texts, ...attributes].join('\n');
      });
      const seen = french.filter((s) => asWord(s).test(text));
      expect(seen, target).toEqual([]);
      expect(text).toContain('Only with slots');
    }
    await context.close();
  });
});

describe('accessibility', () => {
  it('finds no axe-core violation on the boards, on a phone and a desktop', async () => {
    const failures: string[] = [];
    for (const size of [PHONE, DESKTOP]) {
      const { context, page } = await open(size, { bypassCSP: true });
      for (const target of [BOARD, `${BOARD}?lang=en&tri=centre`, '/tableau/communes/75111?rayon=10']) {
        await page.goto(`${server.url}${target}`);
        const violations = await axeViolations(page);
        for (const violation of violations) failures.push(`${size.viewport.width}px ${target}: ${violation}`);
      }
      await context.close();
    }
    expect(failures).toEqual([]);
  });
});
