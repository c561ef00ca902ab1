import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from '../support/e2e-setup.ts';
import { localOnly } from '../support/local-only.ts';

/**
 * Issue 15, point 4: a couple books together. "Pour deux personnes" keeps the centres with two free
 * slots in the same half-day, says which, and the second injection to expect; the appointment card
 * takes the two names typed into the page, and nothing typed there leaves the browser.
 */
const e2e = serverAndBrowser();

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const SEARCH = '/recherche?commune=35238&rayon=100&deux=1';
const HALF_DAY = /(matin|après-midi|soir)/;

/** The search for two, reloaded until the simulated supply gives a centre two slots in one half-day. */
async function searchForTwo(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.goto(`${e2e.server.url}${SEARCH}`);
        return page.locator('.results [data-testid="for-two"]').count();
      },
      { timeout: 90_000, interval: 1000 },
    )
    .toBeGreaterThan(0);
}

describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)('booking for two people, on a %s', (_, size) => {
  it('lists only centres two people can book together, with the half-day and the second injection', async () => {
    const context = await e2e.browser.newContext({ ...size, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    // The results' map asks for tiles: refused, as elsewhere in the tests.
    await localOnly(context, [e2e.server.url]);
    const page = await context.newPage();
    await searchForTwo(page);
    await expect(page.getByTestId('filters-chosen').textContent()).resolves.toContain('1 filtre choisi');
    const cards = page.locator('.results .card');
    const notes = page.locator('.results [data-testid="for-two"]');
    // Every centre listed says when two can come (a centre with one slot only is not listed).
    expect(await notes.count()).toBe(await cards.count());
    for (const day of await page.locator('.results [data-testid="for-two-day"]').allTextContents())
      expect(day).toMatch(HALF_DAY);
    for (const second of await page.locator('.results [data-testid="second-injection"]').allTextContents())
      expect(second).toMatch(/seconde injection|deuxième injection|2e injection/i);
    await context.close();
  });

  it('prints an appointment card for the two, whose typed names are never sent', async () => {
    const context = await e2e.browser.newContext({ ...size, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const requests = await localOnly(context, [e2e.server.url]);
    const page = await context.newPage();
    await searchForTwo(page);
    const sent: string[] = [];
    page.on('request', (request) => sent.push(`${request.url()}\n${request.postData() ?? ''}`));
    const link = page.locator('.results [data-testid="card-link"]').first();
    await Promise.all([page.waitForURL(/\/rendez-vous\/carte\?/), link.click()]);
    // From here on, the card's page: it asks nothing of any other site (the results' map tiles were before).
    requests.outside.length = 0;

    const card = page.getByTestId('appointment-card');
    await expect(card.getAttribute('data-people')).resolves.toBe('2');
    expect(await page.getByTestId('card-person').count()).toBe(2);
    await expect(page.getByTestId('card-first').first().textContent()).resolves.toMatch(/\d/);
    await expect(page.getByTestId('card-second').first().textContent()).resolves.toMatch(
      /\d|seconde injection/i,
    );

    const names = page.getByTestId('card-name');
    await names.nth(0).fill('Jeanne Martin-Zorglub');
    await names.nth(1).fill('Louis Martin-Zorglub');
    // Changing the day reloads the card through its form: the names are not part of it. The card's
    // URL already holds a date, so the wait is for the new page's load (its style sheets included),
    // not for a URL the old page matches too.
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: /Mettre à jour/ }).click(),
    ]);
    expect(page.url()).toMatch(/date=/);
    for (const request of sent) expect(request).not.toContain('Zorglub');

    // On paper: the card, the names' boxes, no form or button.
    await page.emulateMedia({ media: 'print' });
    expect(await card.isVisible()).toBe(true);
    expect(await names.first().isVisible()).toBe(true);
    expect(await page.locator('form.appointment-dates').isVisible()).toBe(false);
    expect(requests.outside).toEqual([]);
    await context.close();
  });
});
