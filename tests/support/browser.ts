import { type Browser, type BrowserContext, chromium, type Page, type Route } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface Isolation {
  /** Redirects our server answered to the browser (`/go/…` → provider), in order. */
  redirects: Array<{ from: string; status: number; location: string }>;
}

const STAND_IN_PAGE =
  '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Fournisseur</title><h1>Page de réservation du fournisseur</h1></html>';

/**
 * Requests to our server go through; a redirect it answers towards a provider is recorded and
 * the provider's page replaced by a stand-in (Chromium does not route the second leg of a
 * redirect, and this machine has no internet); anything else (map tiles…) is refused.
 */
export async function isolate(
  context: BrowserContext,
  serverUrl: string,
  providerHosts: RegExp,
): Promise<Isolation> {
  const origin = new URL(serverUrl).origin;
  const isolation: Isolation = { redirects: [] };
  await context.route('**/*', async (route) => {
    try {
      await answer(route);
    } catch {
      // The page or context closed while this request was in flight (a favicon at the end of a test):
      // nobody is waiting for the answer any more.
      await route.abort().catch(() => {});
    }
  });
  async function answer(route: Route): Promise<void> {
    const url = new URL(route.request().url());
    if (url.origin === origin) {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers().location;
      if (
        response.status() >= 300 &&
        response.status() < 400 &&
        location &&
        providerHosts.test(new URL(location, url).hostname)
      ) {
        isolation.redirects.push({ from: url.href, status: response.status(), location });
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: STAND_IN_PAGE });
      }
      return route.fulfill({ response });
    }
    if (providerHosts.test(url.hostname))
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: STAND_IN_PAGE });
    return route.abort('internetdisconnected');
  }
  return isolation;
}

/**
 * Waits for the results page's map to be drawn. The map loads once it nears the viewport, so it is
 * first brought there, as a visitor scrolling to it would: below a "no slot nearby" box (the simulated
 * supply changes while a test runs) it would otherwise never start.
 */
export async function mapReady(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('centre-map').scrollIntoViewIfNeeded();
  await page.locator('centre-map[data-ready="true"]').waitFor({ timeout });
}
