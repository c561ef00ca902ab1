import { type Browser, type BrowserContext, chromium } from 'playwright-core';

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

/**
 * Requests to our server go through; provider booking pages are answered by a stand-in page
 * (so a test can land on the redirect target); anything else (map tiles…) is refused, as on a
 * machine without internet.
 */
export async function isolate(context: BrowserContext, serverUrl: string, providerHosts: RegExp): Promise<void> {
  const origin = new URL(serverUrl).origin;
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) return route.continue();
    if (providerHosts.test(url.hostname)) {
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Provider</title><h1>Page de réservation du fournisseur</h1>' });
    }
    return route.abort('internetdisconnected');
  });
}
