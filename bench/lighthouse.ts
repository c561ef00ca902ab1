/**
 * `npm run bench:lighthouse`: Lighthouse in its default mobile mode (emulated mid-range phone,
 * simulated slow 4G) with Debian's Chromium, against the built server on demo data once the first
 * polls have answered. Writes the `lighthouse` section of docs/BENCHMARKS.md: performance and
 * accessibility scores, bytes transferred and JavaScript transferred per page.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH } from '../tests/support/browser.ts';
import { startServer } from '../tests/support/server.ts';
import { describeMachine, machineLine } from './machine.ts';
import { progress, stamp, table, whole, writeSection } from './report.ts';

const output = path.resolve(fileURLToPath(import.meta.url), '../../docs/BENCHMARKS.md');
const ORDER = ['http', 'refresh', 'lighthouse'];

interface CentreRow {
  id: string;
  availability: { status: string; slot_count: number };
}

const server = await startServer();
const machine = describeMachine();
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
  ],
});
try {
  let centre: CentreRow | undefined;
  for (let attempt = 0; attempt < 90 && !centre; attempt++) {
    const body = (await (await fetch(`${server.url}/api/v1/centres?departement=35&limit=100`)).json()) as {
      centres: CentreRow[];
    };
    centre = body.centres.find((c) => c.availability.status === 'some' && c.availability.slot_count > 0);
    if (!centre) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const pages = [
    ['Home', '/'],
    ['Results (Rennes, 20 km)', '/recherche?commune=35238&rayon=20'],
    ['Centre page', `/centres/${centre?.id ?? 'demo-0001'}`],
    ['Home in English', '/?lang=en'],
  ] as const;
  const rows: string[][] = [];
  for (const [name, page] of pages) {
    progress(`lighthouse ${page}`);
    const result = await lighthouse(`${server.url}${page}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`no Lighthouse result for ${page}`);
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const summary = lhr.audits['resource-summary']?.details as
      | { items: Array<{ resourceType: string; transferSize: number }> }
      | undefined;
    const bytes = (type: string) =>
      summary?.items.find((item) => item.resourceType === type)?.transferSize ?? 0;
    const ms = (id: string) => whole(lhr.audits[id]?.numericValue ?? 0);
    rows.push([
      `${name}: \`${page}\``,
      String(score('performance')),
      String(score('accessibility')),
      `${whole(bytes('total') / 1024)} KB`,
      `${whole(bytes('script') / 1024)} KB`,
      `${ms('first-contentful-paint')} ms`,
      `${ms('largest-contentful-paint')} ms`,
      `${ms('total-blocking-time')} ms`,
    ]);
  }
  const markdown = `## Lighthouse: the public site on an emulated phone

Measured ${stamp()} by \`npm run bench:lighthouse\` (bench/lighthouse.ts): Lighthouse ${
    (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version
  } in its default mobile mode (Moto G Power emulation, simulated slow 4G, 4× CPU slowdown) with
Debian's Chromium (${CHROMIUM_PATH}), against \`npm start\` on the demo registry after the first polls. Map
tiles cannot load on this machine (no internet): their requests fail and are not counted. The map
and Leaflet load only when the map nears the viewport, so the results page's first load does not
include them. Bytes are as transferred: \`npm start\` sends \`/_astro/\` files uncompressed, so the JS column is
raw size; their gzip sizes are checked against the 100 KB budget by tests/integration/js-budget.test.ts.

${table(['Page', 'Performance', 'Accessibility', 'Transferred', 'of which JS', 'FCP', 'LCP', 'TBT'], rows)}

Machine: ${machineLine(machine)}.`;
  writeSection(output, 'lighthouse', markdown, ORDER);
  progress(`lighthouse: written to ${path.relative(process.cwd(), output)}`);
} finally {
  await chrome.kill();
  await server.stop();
}
