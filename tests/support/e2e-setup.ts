import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

export interface ServerAndBrowser {
  server: RunningServer;
  browser: Browser;
}

/**
 * A browser test file's usual fixture: a test server (as `npm start` runs it) and Chromium, started
 * before the file's tests and stopped after them. The fields are set once `beforeAll` ran.
 */
export function serverAndBrowser(options: Parameters<typeof startServer>[0] = {}): ServerAndBrowser {
  const fixture = {} as ServerAndBrowser;
  beforeAll(async () => {
    [fixture.server, fixture.browser] = await Promise.all([startServer(options), launchChromium()]);
  }, 300_000);
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}
