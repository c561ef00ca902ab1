/**
 * `npm run screenshots`: starts the built server on demo data, waits for the first polls, and
 * captures home, results, centre page and the no-slots state on a phone and a desktop viewport
 * into docs/screenshots/. Map tiles are refused (no internet here): the map shows its markers
 * and the "fond de carte" note, as it would with a tile server down.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { isolate, launchChromium } from '../tests/support/browser.ts';
import { repoRoot, startServer } from '../tests/support/server.ts';

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

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots', `${name}.png`), fullPage: true });
  process.stdout.write(`docs/screenshots/${name}.png\n`);
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
} finally {
  await browser.close();
  await server.stop();
}
