/**
 * `npm run screenshots`: starts the built server on demo data, waits for the first polls, and
 * captures home, results, centre page and the no-slots state on a phone and a desktop viewport,
 * the Rennes results as the e2e tests see them, the town-hall widget in a 360 px column and the
 * printed commune sheet (the PDF rendered by poppler's pdftoppm) and the call-centre board into docs/screenshots/. Map tiles
 * are refused (no internet here): the map shows its markers and the "fond de carte" note, as it
 * would with a tile server down. Tests never write there: this script is the only writer.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { isolate, launchChromium } from '../tests/support/browser.ts';
import { repoRoot, startServer } from '../tests/support/server.ts';
import { tempDir } from '../tests/support/temp-dir.ts';

const PROVIDERS = /(doctolib\.fr|maiia\.com|keldoc\.com|\.example)$/;
const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, isMobile: false },
} as const;

interface CentreRow {
  id: string;
  commune: { insee: string | null };
  availability: { status: string; slot_count: number };
}

async function waitForPolls(url: string): Promise<CentreRow[]> {
  for (let attempt = 0; attempt < 90; attempt++) {
    const response = await fetch(`${url}/api/v1/centres?departement=35&limit=100`);
    const body = (await response.json()) as { centres: CentreRow[] };
    if (body.centres.filter((c) => c.availability.status !== 'unknown').length >= 5) return body.centres;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('no availability after 90 s');
}

/** A search whose nearby centres all lack slots, found by asking the page itself. */
async function noSlotsSearch(url: string): Promise<string> {
  for (const code of ['35', '22', '29', '56', '44', '75', '13', '69']) {
    const response = await fetch(`${url}/api/v1/centres?departement=${code}&limit=100`);
    const { centres } = (await response.json()) as { centres: CentreRow[] };
    for (const centre of centres) {
      if (centre.availability.status !== 'none' || !centre.commune.insee) continue;
      const search = `/recherche?commune=${centre.commune.insee}&rayon=5`;
      const html = await (await fetch(`${url}${search}`)).text();
      if (html.includes('data-testid="no-slots"')) return search;
    }
  }
  throw new Error('no search without slots found in the demo data');
}

/** The map loads when near the viewport: bring it there, wait for it, go back to the top. */
async function withMap(page: Page) {
  if ((await page.locator('centre-map').count()) === 0) return;
  await page.locator('centre-map').scrollIntoViewIfNeeded();
  await page.locator('centre-map[data-ready="true"]').waitFor({ timeout: 30_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** `npm run screenshots -- board`: only the shots whose name starts with a word given (all without). */
const ONLY = process.argv.slice(2);
const wanted = (name: string) => ONLY.length === 0 || ONLY.some((prefix) => name.startsWith(prefix));

async function shoot(page: Page, name: string, fullPage = true) {
  if (!wanted(name)) return;
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots', `${name}.png`), fullPage });
  process.stdout.write(`docs/screenshots/${name}.png\n`);
}

/** The Rennes search as the search-to-booking e2e test walks it, on a desktop and a phone. */
async function rennes(browser: Browser, url: string) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ ...viewport, locale: 'fr-FR', reducedMotion: 'reduce' });
    await isolate(context, url, PROVIDERS);
    const page = await context.newPage();
    await page.goto(`${url}/recherche?commune=35238&rayon=20`);
    await withMap(page);
    await shoot(page, `recherche-rennes-${size}`, false);
    await context.close();
  }
}

/** The widget a town hall pastes, in a 360 px column of a page on another origin. */
async function embed(browser: Browser, url: string) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  await isolate(context, url, PROVIDERS);
  const page = await context.newPage();
  // The town hall's page on another origin (routed here, after isolate, so it takes precedence).
  await page.route('http://mairie.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body:
        '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Mairie</title><body style="margin:0">' +
        `<h1>Mairie de Rennes</h1><div style="width:360px"><iframe src="${url}/embed/communes/35238" ` +
        'title="Centres de vaccination" style="width:100%;height:600px;border:0"></iframe></div></body></html>',
    }),
  );
  await page.goto('http://mairie.test/');
  await page.frameLocator('iframe').locator('.embed-entry').first().waitFor();
  await shoot(page, 'embed-commune', false);
  await context.close();
}

/** A commune sheet as printed: the PDF itself, rendered by poppler. */
async function printedSheet(browser: Browser, url: string, route: string, name: string) {
  if (!wanted(name)) return;
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  await isolate(context, url, PROVIDERS);
  const page = await context.newPage();
  await page.goto(`${url}${route}`);
  await page.emulateMedia({ media: 'print' });
  const directory = tempDir('creneau-screenshots-');
  const pdf = path.join(directory, 'sheet.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
  execFileSync('pdftoppm', ['-png', '-r', '90', '-singlefile', pdf, path.join(directory, 'sheet')]);
  copyFileSync(path.join(directory, 'sheet.png'), path.join(repoRoot, `docs/screenshots/${name}.png`));
  process.stdout.write(`docs/screenshots/${name}.png\n`);
  await context.close();
}

/** The call-centre board of Paris (the demo's largest département), on a phone and a desktop. */
async function board(browser: Browser, url: string) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const { rows } = (await (await fetch(`${url}/tableau/departements/75.json`)).json()) as {
      rows: Array<{ state: string }>;
    };
    if (rows.filter((row) => row.state === 'unknown').length <= 4) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ ...viewport, locale: 'fr-FR', reducedMotion: 'reduce' });
    await isolate(context, url, PROVIDERS);
    const page = await context.newPage();
    await page.goto(`${url}/tableau/departements/75`);
    await page.locator('board-table[data-ready="true"]').waitFor();
    await shoot(page, `board-${size}`);
    await context.close();
  }
}

/** Issue 15's pages: the first screen of a phone search, a widened search, booking for two, the alert page, English. */
async function helpers(browser: Browser, url: string) {
  const shots: Array<[string, string, boolean]> = [
    ['first-screen-phone', '/recherche?commune=35238&rayon=20', false],
    ['widened-phone', '/recherche?q=st+malo', false],
    ['for-two-phone', '/recherche?commune=35238&rayon=50&deux=1', true],
    ['alert-page-phone', '/alertes/communes/35238?rayon=20', true],
    ['english-results-phone', '/recherche?commune=35238&rayon=20&lang=en', false],
  ];
  const context = await browser.newContext({ ...VIEWPORTS.phone, locale: 'fr-FR', reducedMotion: 'reduce' });
  await isolate(context, url, PROVIDERS);
  const page = await context.newPage();
  for (const [name, route, fullPage] of shots) {
    await page.goto(`${url}${route}`);
    await shoot(page, name, fullPage);
  }
  if (wanted('appointment-card')) {
    await page.goto(`${url}/recherche?commune=35238&rayon=50&deux=1`);
    const link = page.locator('.results [data-testid="card-link"]');
    const card = (await link.count()) > 0 ? await link.first().getAttribute('href') : null;
    if (card) {
      await page.goto(`${url}${card}`);
      await page.getByTestId('card-name').nth(0).fill('Jeanne Martin');
      await page.getByTestId('card-name').nth(1).fill('Louis Martin');
      await shoot(page, 'appointment-card-phone');
    }
  }
  await context.close();
}

const server = await startServer();
const browser = await launchChromium();
try {
  const centres = await waitForPolls(server.url);
  const withSlots = centres.find((c) => c.availability.status === 'some' && c.availability.slot_count > 0);
  const noSlots = await noSlotsSearch(server.url);
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ ...viewport, locale: 'fr-FR', reducedMotion: 'reduce' });
    await isolate(context, server.url, PROVIDERS);
    const page = await context.newPage();
    await page.goto(server.url);
    await shoot(page, `home-${size}`);
    await page.goto(`${server.url}/recherche?commune=35238&rayon=20`);
    await withMap(page);
    await shoot(page, `results-${size}`);
    if (withSlots) {
      await page.goto(`${server.url}/centres/${withSlots.id}`);
      await shoot(page, `centre-${size}`);
    }
    await page.goto(`${server.url}${noSlots}`);
    await withMap(page);
    await shoot(page, `no-slots-${size}`);
    await context.close();
  }
  await rennes(browser, server.url);
  await embed(browser, server.url);
  await printedSheet(browser, server.url, '/communes/35238', 'commune-sheet-print');
  await board(browser, server.url);
  await helpers(browser, server.url);
  await printedSheet(browser, server.url, '/communes/35238?grand=1', 'commune-sheet-large-print');
} finally {
  await browser.close();
  await server.stop();
}
