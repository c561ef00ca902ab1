import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { serverAndBrowser } from '../support/e2e-setup.ts';
import { localOnly } from '../support/local-only.ts';

/**
 * Issue 15: a mayor or a daughter finds the commune sheets, widgets, alerts, the board, statistics
 * and status from any page (the footer), through `/mairies` and its search by place, without
 * JavaScript.
 */
const e2e = serverAndBrowser();

describe.each([
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ['desktop', { viewport: { width: 1280, height: 900 } }],
] as const)('the helpers’ page, on a %s, without JavaScript', (_, size) => {
  it('is reached from the footer and leads by place to the sheet, widget, alerts and board', async () => {
    const context = await e2e.browser.newContext({ ...size, locale: 'fr-FR', javaScriptEnabled: false });
    const requests = await localOnly(context, [e2e.server.url]);
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/recherche?commune=35238&rayon=20`);
    await Promise.all([page.waitForURL(/\/mairies$/), page.getByTestId('footer-helpers').click()]);
    expect(await page.getByTestId('helpers-stats-link').getAttribute('href')).toBe('/statistiques');
    expect(await page.getByTestId('helpers-status-link').getAttribute('href')).toBe('/statut');

    await page.getByLabel('Commune, code postal ou département').fill('Vitré');
    await Promise.all([
      page.waitForURL(/\/mairies\/lieu\?q=/),
      page.getByRole('button', { name: 'Trouver' }).click(),
    ]);
    const vitre = page.getByTestId('helper-places');
    expect(await vitre.getByTestId('helper-sheet').first().getAttribute('href')).toBe('/communes/35360');
    const targets = await vitre
      .locator('a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    for (const kind of [
      '/communes/35360',
      '/embed/communes/35360',
      '/alertes/communes/35360',
      '/tableau/communes/35360',
    ])
      expect(
        targets.some((href) => href.startsWith(kind)),
        kind,
      ).toBe(true);
    // Every link it gives answers, none to a page that does not exist.
    for (const href of targets) {
      const response = await page.request.get(`${e2e.server.url}${href}`);
      expect(response.status(), href).toBe(200);
    }
    await Promise.all([
      page.waitForURL(/\/communes\/35360$/),
      vitre.getByTestId('helper-sheet').first().click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toContain('Vitré');
    expect(requests.outside).toEqual([]);
    await context.close();
  });
});

describe('the helpers’ pages in Chromium on a phone', () => {
  it('have no axe-core violation', async () => {
    const context = await e2e.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: 'fr-FR',
      // axe is injected as an inline script, which the site's CSP rightly refuses.
      bypassCSP: true,
    });
    await localOnly(context, [e2e.server.url]);
    const page = await context.newPage();
    for (const path of [
      '/mairies',
      '/mairies/lieu?q=Vitr%C3%A9',
      '/mairies/lieu?q=35',
      '/mairies/lieu?q=zzzz',
    ]) {
      await page.goto(`${e2e.server.url}${path}`);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await context.close();
  });
});

describe('sharing a page and finding the way, on a phone without JavaScript', () => {
  it('gives the link to copy, by SMS and by e-mail, and the centre page a directions link', async () => {
    const context = await e2e.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: 'fr-FR',
      javaScriptEnabled: false,
    });
    const requests = await localOnly(context, [e2e.server.url]);
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/recherche?commune=35238&rayon=20`);
    const shared = await page.getByTestId('share-url').inputValue();
    expect(shared).toBe(`${e2e.server.url}/recherche?commune=35238&rayon=20`);
    const sms = (await page.getByTestId('share-sms').getAttribute('href')) ?? '';
    expect(sms.startsWith('sms:?body=')).toBe(true);
    expect(decodeURIComponent(sms.slice('sms:?body='.length))).toContain(shared);
    const mail = new URL((await page.getByTestId('share-email').getAttribute('href')) ?? '');
    expect(mail.protocol).toBe('mailto:');
    expect(mail.searchParams.get('body')).toContain(shared);

    const centre = page.locator('.results .card h2 a').first();
    await Promise.all([page.waitForURL(/\/centres\//), centre.click()]);
    const directions = new URL(
      (await page.getByTestId('directions').locator('a').getAttribute('href')) ?? '',
    );
    expect(directions.origin + directions.pathname).toBe('https://www.openstreetmap.org/directions');
    expect(directions.searchParams.get('route') ?? directions.searchParams.get('to')).toBeTruthy();
    expect(await page.getByTestId('directions').locator('a').getAttribute('rel')).toContain('noreferrer');
    expect(await page.getByTestId('share-url').inputValue()).toBe(page.url());
    expect(requests.outside).toEqual([]);
    await context.close();
  });
});
