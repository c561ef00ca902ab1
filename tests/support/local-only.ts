import type { BrowserContext } from 'playwright-core';

/**
 * Lets requests to the given origins through untouched and refuses every other one, recording it:
 * a page that must not call third parties (the town-hall widget, a printed sheet) is checked with
 * `outside` staying empty. Unlike `isolate`, nothing is fetched on the page's behalf, so closing a
 * context with requests in flight leaves no dangling fulfilment.
 */
export async function localOnly(
  context: BrowserContext,
  origins: readonly string[],
): Promise<{ outside: string[] }> {
  const allowed = new Set(origins.map((origin) => new URL(origin).origin));
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.has(new URL(url).origin)) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  return { outside };
}
