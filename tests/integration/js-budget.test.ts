import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageScripts, type ScriptWeight } from '../support/js-weight.ts';
import { type RunningServer, repoRoot, startServer } from '../support/server.ts';

/** Issue 5's budget: under 100 KB of compressed JavaScript for a page, Leaflet included. */
const PAGE_BUDGET = 100 * 1024;
/** What runs before the map: autocomplete, live refresh, the language's words. */
const EAGER_BUDGET = 30 * 1024;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
}, 300_000);
afterAll(async () => {
  await server?.stop();
});

async function scriptsOf(page: string): Promise<ScriptWeight[]> {
  const html = await (await fetch(`${server.url}${page}`)).text();
  return pageScripts(html, path.join(repoRoot, 'dist/client'));
}
const total = (scripts: ScriptWeight[]) => scripts.reduce((sum, script) => sum + script.gzipBytes, 0);

describe('JavaScript size budget (gzip)', () => {
  it('keeps the home page under budget, without the map', async () => {
    const scripts = await scriptsOf('/');
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.some((script) => /leaflet/i.test(script.file))).toBe(false);
    expect(total(scripts)).toBeLessThan(PAGE_BUDGET);
  });

  it('keeps the results page under budget with Leaflet, which loads only after the list', async () => {
    const scripts = await scriptsOf('/recherche?commune=35238&rayon=20');
    const leaflet = scripts.filter((script) => /leaflet/i.test(script.file));
    expect(leaflet.length).toBeGreaterThan(0);
    expect(leaflet.every((script) => script.lazy)).toBe(true);
    expect(total(scripts.filter((script) => !script.lazy))).toBeLessThan(EAGER_BUDGET);
    expect(total(scripts)).toBeLessThan(PAGE_BUDGET);
  });

  it('keeps the call-centre board under the eager budget, without the map', async () => {
    const scripts = await scriptsOf('/tableau/departements/35');
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.some((script) => /leaflet/i.test(script.file))).toBe(false);
    expect(total(scripts.filter((script) => !script.lazy))).toBeLessThan(EAGER_BUDGET);
    expect(total(scripts)).toBeLessThan(PAGE_BUDGET);
  });

  // Issue 15's pages: the alert page (its push button), the appointment card, the widget, the
  // helpers' pages, results for two. None needs the map; each stays under the eager budget.
  it.each([
    '/alertes/communes/35238?rayon=20',
    '/alertes/departements/35',
    '/rendez-vous/carte?centre={centre}&deux=1',
    '/embed/communes/35238',
    '/embed/communes/35238?compact=1',
    '/mairies',
    '/mairies/lieu?q=Vitr%C3%A9',
    '/communes/35238?accompagnant=1&deux=1',
  ])('keeps %s under the eager budget, without Leaflet', async (route) => {
    const { centres } = (await (
      await fetch(`${server.url}/api/v1/centres?commune=35238&limit=1`)
    ).json()) as {
      centres: Array<{ id: string }>;
    };
    const response = await fetch(
      `${server.url}${route.replace('{centre}', encodeURIComponent(centres[0]?.id ?? ''))}`,
    );
    expect(response.status, route).toBe(200);
    const scripts = pageScripts(await response.text(), path.join(repoRoot, 'dist/client'));
    expect(scripts.some((script) => /leaflet/i.test(script.file))).toBe(false);
    expect(total(scripts.filter((script) => !script.lazy))).toBeLessThan(EAGER_BUDGET);
    expect(total(scripts)).toBeLessThan(PAGE_BUDGET);
  });

  it('keeps results for two people under budget, the map still lazy', async () => {
    const scripts = await scriptsOf('/recherche?commune=35238&rayon=50&deux=1');
    expect(scripts.filter((script) => /leaflet/i.test(script.file)).every((script) => script.lazy)).toBe(
      true,
    );
    expect(total(scripts.filter((script) => !script.lazy))).toBeLessThan(EAGER_BUDGET);
    expect(total(scripts)).toBeLessThan(PAGE_BUDGET);
  });
});
