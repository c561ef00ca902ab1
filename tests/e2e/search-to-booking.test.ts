import { describe, expect, it } from 'vitest';
import { isolate, mapReady } from '../support/browser.ts';
import { serverAndBrowser } from '../support/e2e-setup.ts';

const PROVIDERS = /(doctolib\.fr|maiia\.com|keldoc\.com|\.example)$/;
const e2e = serverAndBrowser();

describe('from the home page to a booking page', () => {
  it('searches "Rennes", lists centres and markers, and follows a booking link through /go', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const isolation = await isolate(context, e2e.server.url, PROVIDERS);
    const page = await context.newPage();
    await page.goto(e2e.server.url);
    await expect(page.getByTestId('demo-banner').isVisible()).resolves.toBe(true);

    await page.getByLabel('Votre commune, code postal ou département').fill('Rennes');
    const option = page.getByRole('option', { name: /^Rennes/ }).first();
    await option.waitFor();
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(/\/recherche\?commune=35238/), page.keyboard.press('Enter')]);

    const cards = page.locator('.results .card');
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    await expect(page.locator('h1').textContent()).resolves.toContain('Rennes');

    await mapReady(page);
    expect(await page.locator('.leaflet-marker-icon').count()).toBeGreaterThan(0);

    // A centre on a known platform: /go redirects there (a booking site that is no known platform
    // gets the "vous quittez Créneau" page instead, tests/security/go-https-only.test.ts).
    const book = page
      .locator('.results .card', { hasText: /Réservation sur (Doctolib|Maiia|Keldoc)/ })
      .first()
      .getByRole('link', { name: /Prendre rendez-vous/ });
    const href = await book.getAttribute('href');
    expect(href).toMatch(/^\/go\//);
    await Promise.all([page.waitForURL(`${e2e.server.url}${href}`), book.click()]);
    await expect(page.locator('h1').textContent()).resolves.toContain('Page de réservation du fournisseur');
    expect(isolation.redirects).toHaveLength(1);
    const [redirect] = isolation.redirects;
    expect(redirect?.status).toBe(302);
    const target = new URL(redirect?.location ?? '');
    expect(target.hostname).toMatch(PROVIDERS);
    expect(target.searchParams.get('source')).toBe('creneau');
    await context.close();
  });

  it.each([
    ['a plain search', 'commune=35238&rayon=20'],
    ['a search with a filter (pour deux personnes)', 'commune=35238&rayon=20&deux=1'],
    ['a widened search (st malo)', 'q=st+malo'],
  ])(
    'works on a phone-sized screen with the summary and the first card on the first screen: %s',
    async (_, query) => {
      const context = await e2e.browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'fr-FR',
      });
      await isolate(context, e2e.server.url, PROVIDERS);
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/recherche?${query}`);
      // The first centre a person can act on: the list's first card or, when no centre in the radius
      // has slots (the simulated supply changes as the test runs), the nearest one with slots above it.
      const firstCard = page.locator('main .card').first();
      await firstCard.waitFor();
      // Issue 15, point 2: without scrolling, the summary and the first card's name are in view.
      const summary = await page.getByTestId('result-count').boundingBox();
      const name = await firstCard.locator('h2').boundingBox();
      expect((summary?.y ?? Number.POSITIVE_INFINITY) + (summary?.height ?? 0)).toBeLessThanOrEqual(844);
      expect((name?.y ?? Number.POSITIVE_INFINITY) + (name?.height ?? 0)).toBeLessThanOrEqual(844);
      // One column on a phone: the list comes before the map, not beside it.
      const list = await page.locator('.results').first().boundingBox();
      const map = await page.locator('centre-map').boundingBox();
      expect(list?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(map?.y ?? 0);
      // Nothing wider than the screen: no sideways scrolling (a call button, a long phone number).
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await context.close();
    },
  );
});
