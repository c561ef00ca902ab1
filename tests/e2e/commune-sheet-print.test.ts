import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printBudget } from '../../src/communes/commune-sheet.ts';
import { serverAndBrowser } from '../support/e2e-setup.ts';
import { localOnly } from '../support/local-only.ts';
import { tempDir } from '../support/temp-dir.ts';

const e2e = serverAndBrowser();

/** Pages of a PDF as pdfinfo counts them (poppler), cross-checked with the page objects in the file. */
function pageCount(pdf: Buffer, file: string): number {
  const objects = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
  const info = execFileSync('pdfinfo', [file]).toString();
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  expect(objects).toBe(pages);
  return pages;
}

describe('the printed commune sheet', () => {
  it('prints Rennes on one A4 page without buttons or navigation, with a QR code and the date', async () => {
    const context = await e2e.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const requests = await localOnly(context, [e2e.server.url]);
    const page = await context.newPage();
    // The embedded poller needs a moment after start: print once some availability is known.
    await expect
      .poll(
        async () => {
          await page.goto(`${e2e.server.url}/communes/35238`);
          return page.locator('.sheet-availability.availability--slots').count();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    const entries = await page.getByTestId('sheet-entry').count();
    expect(entries).toBeGreaterThanOrEqual(4);
    // The town hall types its own number before printing (issue 15, point 8): on paper, never sent.
    const sent: string[] = [];
    page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
    await page.getByTestId('townhall-phone').fill('02 99 12 34 56');

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('townhall-phone').isVisible()).toBe(true);
    for (const hidden of ['.site-header', '.site-footer', '.sheet-tools', '.sheet-embed'])
      expect(await page.locator(hidden).first().isVisible()).toBe(false);
    expect(await page.locator('.sheet-qr svg').isVisible()).toBe(true);
    expect(await page.getByTestId('eligibility').isVisible()).toBe(true);
    await expect(page.getByTestId('printed-at').textContent()).resolves.toMatch(/^Imprimé le /);
    expect(await page.getByTestId('sheet-phone').first().isVisible()).toBe(true);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const directory = tempDir('creneau-print-');
    const file = path.join(directory, 'sheet.pdf');
    writeFileSync(file, pdf);
    expect(pageCount(pdf, file)).toBe(1);
    expect(execFileSync('pdftotext', ['-layout', file, '-']).toString()).toContain('02 99 12 34 56');
    expect(sent.filter((request) => request.includes('12 34 56') || request.includes('12%2034'))).toEqual([]);

    // poppler renders it (as `npm run screenshots` does for the picture in docs/API.md).
    execFileSync('pdftoppm', ['-png', '-r', '90', '-singlefile', file, path.join(directory, 'sheet')]);
    expect(readFileSync(path.join(directory, 'sheet.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(requests.outside).toEqual([]);
    await context.close();
  });

  it('keeps a long sheet on one page by printing only the nearest centres and saying so', async () => {
    const context = await e2e.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    await localOnly(context, [e2e.server.url]);
    const page = await context.newPage();
    const directory = tempDir('creneau-print-');
    // The demo's densest sheets (dozens of centres within 30 km, few published phones, so the
    // "other numbers" block too), in every mode that adds to the paper: the helper's box, the
    // "pour deux" boxes, large print. Each prints the nearest centres it has room for, on one page.
    const sheets = ['75056', '59350', '13055', '69123', '35238'].flatMap((insee) =>
      ['', '?accompagnant=1', '?deux=1', '?grand=1', '?grand=1&deux=1'].map((query) => `${insee}${query}`),
    );
    for (const sheet of sheets) {
      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${e2e.server.url}/communes/${sheet}`);
      const listed = await page.getByTestId('sheet-entry').count();
      await page.emulateMedia({ media: 'print' });
      const printed = await page
        .getByTestId('sheet-entry')
        .evaluateAll(
          (entries) => entries.filter((entry) => getComputedStyle(entry).display !== 'none').length,
        );
      // A sheet for two may list none at a given moment (no centre with two slots in one half-day).
      expect(printed, sheet).toBeGreaterThanOrEqual(Math.min(1, listed));
      expect(printed, sheet).toBeLessThanOrEqual(
        Math.floor(printBudget({ grand: sheet.includes('grand') }).centres),
      );
      if (printed < listed) {
        // The cap says how many it printed, and where the rest is.
        await expect(page.getByTestId('print-cap').textContent()).resolves.toContain(
          printed === 1 ? 'le centre le plus proche' : `les ${printed} centres`,
        );
        expect(await page.getByTestId('print-cap').isVisible(), sheet).toBe(true);
      }
      const pdf = await page.pdf({ format: 'A4' });
      const file = path.join(directory, `${sheet.replace(/\W+/g, '-')}.pdf`);
      writeFileSync(file, pdf);
      expect(pageCount(pdf, file), sheet).toBe(1);
    }
    // Paris has far more centres than one page holds.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${e2e.server.url}/communes/75056`);
    expect(await page.getByTestId('sheet-entry').count()).toBeGreaterThan(printBudget({}).centres);
    await context.close();
  }, 600_000);
});
