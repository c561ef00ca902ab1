import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { isolate, launchChromium, mapReady } from '../support/browser.ts';
import {
  ENGLISH_ONLY,
  FRENCH_ONLY,
  foundIn,
  readableText,
  type SiteLink,
  siteLinks,
} from '../support/english-check.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { ENGLISH_PAGES } from './english-pages.ts';

/**
 * Issue 15, point 9: every page in English with `?lang=en`, kept through every link. Pages are the
 * listed ones (tests/e2e/english-pages.ts, where each new page type goes) and every page their
 * links and the home page's reach, a few of each type. Each is read twice: as served (no
 * JavaScript) and in Chromium once its scripts ran (the map's controls, the live refresh), on a
 * phone and a desktop.
 */

const PROVIDERS = /(doctolib\.fr|maiia\.com|keldoc\.com|\.example)$/;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
/** Data and machine routes: no words to translate, their links need not carry the language. */
// Atom feeds and CSV exports are data too (a feed reader's, a spreadsheet's), like the JSON.
const NOT_PAGES = /^\/(api|metrics|healthz|smart)(\/|$)|\.(json|ndjson|csv|atom)$/;
const PER_TYPE = 2;
const MAX_PAGES = 90;

interface CentreRow {
  id: string;
  booking_link: string | null;
  phone_only: boolean;
  availability: { status: string; slot_count: number };
}

let server: RunningServer;
let browser: Browser;
const served = new Map<string, { status: number; html: string }>();

/** `/centres/abc?tri=x&lang=en` → `/centres/* tri`: the page type, for "a few of each". */
function pageType(url: URL): string {
  const [first, ...rest] = url.pathname.split('/').filter(Boolean);
  const keys = [...url.searchParams.keys()].filter((key) => key !== 'lang').sort();
  return [`/${first ?? ''}${rest.map(() => '/*').join('')}`, ...keys].join(' ');
}

function withLang(path: string, lang: 'en' | 'fr'): string {
  const url = new URL(path, 'http://x');
  if (lang === 'en') url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  return `${url.pathname}${url.search}`;
}

async function centreIds(): Promise<Record<string, string>> {
  let rows: CentreRow[] = [];
  for (let attempt = 0; attempt < 90; attempt++) {
    rows = [];
    for (const code of ['35', '75', '13', '69', '22'])
      rows.push(
        ...(
          (await (await fetch(`${server.url}/api/v1/centres?departement=${code}&limit=100`)).json()) as {
            centres: CentreRow[];
          }
        ).centres,
      );
    if (rows.some((c) => c.availability.status === 'some' && c.availability.slot_count > 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const pick = (test: (c: CentreRow) => boolean, what: string) => {
    const found = rows.find(test);
    if (!found) throw new Error(`the demo data has no ${what}`);
    return encodeURIComponent(found.id);
  };
  return {
    centre: pick((c) => c.booking_link !== null && c.availability.slot_count > 0, 'centre with slots'),
    phoneCentre: pick((c) => c.phone_only, 'phone-only centre'),
    noOnlineCentre: pick((c) => c.booking_link === null, 'centre without online booking'),
  };
}

/** Listed pages, then breadth-first through their links, a few per page type. */
async function crawl(start: string[]): Promise<void> {
  const queue = start.map((path) => withLang(path, 'en'));
  const perType = new Map<string, number>();
  const seen = new Set<string>();
  const listed = new Set(queue);
  while (queue.length > 0 && served.size < MAX_PAGES) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    const url = new URL(path, server.url);
    const type = pageType(url);
    if (!listed.has(path) && (perType.get(type) ?? 0) >= PER_TYPE) continue;
    perType.set(type, (perType.get(type) ?? 0) + 1);
    const response = await fetch(url, { redirect: 'manual' });
    const html = await response.text();
    if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    served.set(path, { status: response.status, html });
    for (const link of siteLinks(html, url.href))
      if (!link.switch && !link.form && !NOT_PAGES.test(link.url.pathname))
        queue.push(`${link.url.pathname}${link.url.search}`);
  }
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  const ids = await centreIds();
  const listed = ENGLISH_PAGES.map((path) => path.replace(/\{(\w+)\}/g, (_, key: string) => ids[key] ?? key));
  await crawl(listed);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** What is wrong with one page under `?lang=en`: French words, a link that drops the language. */
function englishProblems(path: string, html: string): string[] {
  const problems: string[] = [];
  if (!/<html[^>]*\blang="en"/.test(html)) problems.push(`${path}: <html> is not lang="en"`);
  for (const fragment of foundIn(readableText(html), FRENCH_ONLY))
    problems.push(`${path}: French "${fragment}"`);
  const base = new URL(path, server.url).href;
  for (const link of siteLinks(html, base) as SiteLink[]) {
    if (link.switch || NOT_PAGES.test(link.url.pathname)) continue;
    const keeps = link.form ? link.formKeepsLang : link.url.searchParams.get('lang') === 'en';
    if (!keeps) problems.push(`${path}: ${link.form ? 'form' : 'link'} ${link.href} drops lang=en`);
  }
  return problems;
}

describe('every page under ?lang=en', () => {
  it('reaches every listed page type and more through links', () => {
    const types = new Set([...served.keys()].map((path) => pageType(new URL(path, server.url))));
    expect(served.size).toBeGreaterThanOrEqual(ENGLISH_PAGES.length);
    expect(types.size).toBeGreaterThan(15);
  });

  it('is served in English, without a French message, every link keeping the language', () => {
    const problems = [...served].flatMap(([path, { html }]) => englishProblems(path, html));
    expect(problems).toEqual([]);
  });

  it('the check itself finds French: the same pages in French are caught', async () => {
    for (const path of ['/', '/statut', '/communes/35238']) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      expect(foundIn(readableText(html), FRENCH_ONLY).length, path).toBeGreaterThan(3);
      expect(englishProblems(path, html).some((p) => p.includes('drops lang=en'))).toBe(true);
    }
  });
});

/** One page of each type, in Chromium after its scripts ran (and the map, where there is one). */
function browserPages(): string[] {
  const byType = new Map<string, string>();
  for (const path of served.keys()) {
    const type = pageType(new URL(path, server.url));
    if (!byType.has(type)) byType.set(type, path);
  }
  return [...byType.values()].filter((path) => !path.startsWith('/go/'));
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  if ((await page.locator('centre-map').count()) > 0) {
    await mapReady(page);
    await page.locator('.leaflet-control-zoom-in').waitFor({ state: 'attached' });
  }
}

describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)('in Chromium on a %s', (name, size) => {
  it('each page type in English has no French after its scripts ran, and no axe violation', {
    timeout: 900_000,
  }, async () => {
    const context = await browser.newContext({ ...size, locale: 'en-GB', bypassCSP: true });
    await isolate(context, server.url, PROVIDERS);
    const page = await context.newPage();
    const problems: string[] = [];
    for (const path of browserPages()) {
      await page.goto(`${server.url}${path}`);
      await settle(page);
      for (const fragment of foundIn(readableText(await page.content()), FRENCH_ONLY))
        problems.push(`${path}: French "${fragment}"`);
      if (name === 'phone')
        for (const violation of await axeViolations(page)) problems.push(`${path}: axe ${violation}`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('each page type in French has no English words either (map controls included)', {
    timeout: 900_000,
  }, async () => {
    const context = await browser.newContext({ ...size, locale: 'fr-FR' });
    await isolate(context, server.url, PROVIDERS);
    const page = await context.newPage();
    const problems: string[] = [];
    for (const path of browserPages().map((p) => withLang(p, 'fr'))) {
      await page.goto(`${server.url}${path}`);
      await settle(page);
      const text = readableText(await page.content(), 'en');
      for (const fragment of [...foundIn(text, ENGLISH_ONLY), ...foundIn(text, ['Zoom in', 'Zoom out'])])
        problems.push(`${path}: English "${fragment}"`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
