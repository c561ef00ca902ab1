import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { localOnly } from '../support/local-only.ts';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
let host: http.Server;
let hostUrl: string;

/** A town hall's page on another origin, pasting the snippet the commune sheet shows, in a 360 px column. */
function hostPage(snippet: string): string {
  return `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Mairie</title>
<body style="margin:0"><h1>Mairie de Rennes</h1><div id="column" style="width:360px">${snippet}</div></body></html>`;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  const sheet = await (await fetch(`${server.url}/communes/35238`)).text();
  const escaped = /<code data-testid="embed-snippet">([\s\S]*?)<\/code>/.exec(sheet)?.[1] ?? '';
  const snippet = escaped
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
  host = http.createServer((request, response) => {
    const body =
      request.url === '/compact'
        ? hostPage(snippet.replace(/(src="[^"?]+)/, '$1?compact=1'))
        : request.url === '/departement'
          ? hostPage(
              `<iframe src="${server.url}/embed/departements/35" title="Centres" style="width:100%;height:600px"></iframe>`,
            )
          : hostPage(snippet);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await server?.stop();
});

describe('the town-hall widget', () => {
  it('renders inside an iframe on another origin, at the host column’s width, with booking links in new tabs', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const requests = await localOnly(context, [server.url, hostUrl]);
    const page = await context.newPage();
    await page.goto(hostUrl);
    expect(new URL(hostUrl).port).not.toBe(new URL(server.url).port);

    const frame = page.frameLocator('iframe');
    const entries = frame.locator('.embed-entry');
    await entries.first().waitFor();
    expect(await entries.count()).toBeGreaterThanOrEqual(3);
    await expect(frame.locator('h1').textContent()).resolves.toBe('Vaccination près de Rennes');
    expect(await frame.locator('.embed-demo').isVisible()).toBe(true); // the server runs the demo registry

    // Fluid: the frame is as wide as the host's column and the widget does not scroll sideways.
    expect((await page.locator('iframe').boundingBox())?.width).toBe(360);
    const overflow = await frame.locator('body').evaluate((body) => body.scrollWidth - body.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    const links = await frame.locator('a[href^="/go/"], a[href^="/centres/"], .embed-more a').all();
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toContain('noopener');
    }
    expect(requests.outside).toEqual([]);
    await context.close();
  });

  it('opens the booking redirect in a new tab, leaving the town hall’s page in place', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    await localOnly(context, [server.url, hostUrl]);
    const page = await context.newPage();
    await page.goto(hostUrl);
    const visited: string[] = [];
    context.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/go/')) visited.push(request.url());
    });
    const book = page.frameLocator('iframe').locator('a[href^="/go/"]').first();
    await book.waitFor();
    const href = await book.getAttribute('href');
    const [tab] = await Promise.all([context.waitForEvent('page'), book.click()]);
    await tab.waitForLoadState('domcontentloaded').catch(() => undefined);
    // The new tab asked our redirect (the provider itself is off this machine's network).
    expect(visited).toEqual([`${server.url}${href}`]);
    expect(context.pages()).toEqual([page, tab]);
    expect(page.url()).toBe(`${hostUrl}/`);
    await context.close();
  });

  it('fits the frame to the list: the host script takes the height the widget posts, from Créneau only', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    await localOnly(context, [server.url, hostUrl]);
    const page = await context.newPage();
    await page.goto(hostUrl);
    const frame = page.frameLocator('iframe');
    await frame.locator('.embed-entry').first().waitFor();
    const listHeight = () =>
      frame.locator('html').evaluate((html) => Math.ceil(html.getBoundingClientRect().height));
    const frameHeight = async () => Math.round((await page.locator('iframe').boundingBox())?.height ?? 0);
    // Without the script it would stay at its fixed 32rem (576 px) and scroll inside.
    await expect
      .poll(async () => Math.abs((await frameHeight()) - (await listHeight())), { timeout: 30_000 })
      .toBeLessThanOrEqual(2);
    expect(await frameHeight()).not.toBe(576);
    // A narrower column makes the list taller: the frame follows.
    const before = await frameHeight();
    await page.locator('#column').evaluate((column) => {
      (column as HTMLElement).style.width = '260px';
    });
    await expect.poll(frameHeight, { timeout: 30_000 }).toBeGreaterThan(before);
    await expect
      .poll(async () => Math.abs((await frameHeight()) - (await listHeight())), { timeout: 30_000 })
      .toBeLessThanOrEqual(2);
    // A message that is not from the widget's frame (here the host page's own) resizes nothing.
    const settled = await frameHeight();
    await page.evaluate(() => window.postMessage({ type: 'creneau:height', height: 5 }, '*'));
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(await frameHeight()).toBe(settled);
    await context.close();
  });

  it('has a compact form for a narrow sidebar: one short line per centre, shorter than the full list', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    await localOnly(context, [server.url, hostUrl]);
    const page = await context.newPage();
    const heightAt = async (path: string) => {
      await page.goto(`${hostUrl}${path}`);
      const frame = page.frameLocator('iframe');
      await frame.locator('.embed-entry').first().waitFor();
      const entries = await frame.locator('.embed-entry').count();
      const height = await frame.locator('html').evaluate((html) => html.getBoundingClientRect().height);
      return { entries, height, compact: await frame.locator('body.embed--compact').count() };
    };
    const full = await heightAt('/');
    const compact = await heightAt('/compact');
    expect(compact.compact).toBe(1);
    expect(full.compact).toBe(0);
    expect(compact.entries).toBe(full.entries);
    expect(compact.height).toBeLessThan(full.height * 0.8);
    await context.close();
  });

  it('lists a whole département in a frame too', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const requests = await localOnly(context, [server.url, hostUrl]);
    const page = await context.newPage();
    await page.goto(`${hostUrl}/departement`);
    const frame = page.frameLocator('iframe');
    await frame.locator('.embed-entry').first().waitFor();
    await expect(frame.locator('h1').textContent()).resolves.toBe('Vaccination : Ille-et-Vilaine (35)');
    expect(await frame.locator('.embed-entry').count()).toBeGreaterThan(3);
    expect(requests.outside).toEqual([]);
    await context.close();
  });
});
