import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { isolate, launchChromium } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

// Issue 14, point 2, in Chromium on a phone-size screen: a resident reports a wrong phone number
// from a result card (with JavaScript) and from the centre page (without), on a form with no
// account and no personal data asked; both reports fold into one, with a count.

const PROVIDERS = /(doctolib\.fr|maiia\.com|keldoc\.com|\.example)$/;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { CRENEAU_POLLER: 'off' } }), launchChromium()]);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface StoredEntry {
  key: string;
  value: { centreId: string; reason: string; count: number; messages: string[] };
}
const stored = (): StoredEntry[] =>
  (JSON.parse(readFileSync(path.join(server.dataDir, 'reports.json'), 'utf8')) as { entries: StoredEntry[] })
    .entries;

async function open(javaScriptEnabled: boolean, bypassCSP = false) {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled, bypassCSP, locale: 'fr-FR' });
  await isolate(context, server.url, PROVIDERS);
  return { context, page: await context.newPage() };
}

describe('Signaler une erreur', () => {
  let centreId = '';

  it('from a result card, with JavaScript: a wrong phone reported in a few taps', async () => {
    const { context, page } = await open(true);
    try {
      await page.goto(`${server.url}/recherche?commune=35238`);
      const card = page.locator('article.card').first();
      centreId = (await card.getAttribute('data-centre-id')) ?? '';
      const link = card.getByTestId('card-report-link');
      await link.scrollIntoViewIfNeeded();
      const box = await link.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.viewport.width);
      await link.click();
      await page.waitForURL(`**/signaler/${encodeURIComponent(centreId)}`);
      // Nothing personal is asked: one choice and one optional text; the only other field is the
      // honeypot, off-screen, out of the tab order and hidden from assistive technology.
      const fields = await page
        .locator('form[data-testid="report-form"] :is(input, textarea, select)')
        .evaluateAll((inputs) =>
          inputs.map((input) => ({
            type: input.tagName === 'INPUT' ? (input as HTMLInputElement).type : input.tagName.toLowerCase(),
            name: (input as HTMLInputElement).name,
            trap: input.closest('[aria-hidden="true"]') !== null && input.getAttribute('tabindex') === '-1',
            right: input.getBoundingClientRect().right,
          })),
        );
      const offered = fields.filter((field) => !field.trap);
      expect(new Set(offered.map((field) => field.type))).toEqual(new Set(['radio', 'textarea']));
      expect(fields.filter((field) => field.trap).map((field) => [field.name, field.right < 0])).toEqual([
        ['site_web', true],
      ]);
      await page.getByLabel('Le numéro de téléphone est faux').check();
      await page.getByLabel(/Précisions/).fill('Le bon numéro est le 02 99 00 00 00');
      await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await page.getByTestId('report-thanks').waitFor();
      expect(page.url()).toContain('envoye=1');
    } finally {
      await context.close();
    }
    const reports = stored().filter((entry) => entry.value.centreId === centreId);
    expect(reports.map((entry) => entry.value)).toMatchObject([
      { reason: 'wrong_phone', count: 1, messages: ['Le bon numéro est le 02 99 00 00 00'] },
    ]);
  });

  it('from the centre page, without JavaScript: the same report folds into the first', async () => {
    expect(centreId).not.toBe('');
    const { context, page } = await open(false);
    try {
      await page.goto(`${server.url}/centres/${encodeURIComponent(centreId)}`);
      await page.getByTestId('report-link').click();
      await page.waitForURL(`**/signaler/${encodeURIComponent(centreId)}`);
      // "Autre chose" without a word: refused, said on the page, nothing lost.
      await page.getByLabel('Autre chose').check();
      await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await page.getByTestId('report-error').waitFor();
      await page.getByLabel('Le numéro de téléphone est faux').check();
      await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await page.getByTestId('report-thanks').waitFor();
    } finally {
      await context.close();
    }
    const reports = stored().filter((entry) => entry.value.centreId === centreId);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.value).toMatchObject({ reason: 'wrong_phone', count: 2 });
  });

  it('has no accessibility violation, in French and in English (links keep ?lang=en)', async () => {
    const { context, page } = await open(true, true);
    try {
      await page.goto(`${server.url}/signaler/${encodeURIComponent(centreId)}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
      // The browser itself asks for a choice (required radio): still on the form.
      expect(page.url()).not.toContain('envoye=1');
      await page.goto(`${server.url}/centres/${encodeURIComponent(centreId)}?lang=en`);
      await page.getByRole('link', { name: 'Report an error' }).click();
      await page.waitForURL(/\/signaler\/.*lang=en/);
      await page.getByRole('button', { name: 'Send the report' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
