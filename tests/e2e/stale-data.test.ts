import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getGazetteer } from '../../src/places/gazetteer.ts';
import { generateDemoRegistry } from '../../src/registry/demo.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { isolate, launchChromium } from '../support/browser.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

const PROVIDERS = /(doctolib\.fr|maiia\.com|keldoc\.com|\.example)$/;

interface CentreRow {
  id: string;
  booking: { platform: string };
  availability: { status: string; slot_count: number; freshness: string; provider: string | null };
}

let simulator: Simulator;
let server: RunningServer;
let browser: Browser;

async function centres(): Promise<CentreRow[]> {
  const all: CentreRow[] = [];
  for (const code of ['35', '75', '13', '69', '33', '59']) {
    const response = await fetch(`${server.url}/api/v1/centres?departement=${code}&limit=100`);
    all.push(...((await response.json()) as { centres: CentreRow[] }).centres);
  }
  return all;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds: number): Promise<T> {
  for (let waited = 0; waited < seconds; waited++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${what}: not within ${seconds} s`);
}

beforeAll(async () => {
  // The server's demo registry is deterministic: this simulator serves the same centres.
  simulator = await startSimulator({ centres: generateDemoRegistry(getGazetteer()).centres });
  const dataDir = tempDataDir('creneau-stale-');
  const config = path.join(dataDir, 'creneau.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      providers: { doctolib: { base_url: simulator.urls.doctolib } },
      poller: {
        initial_spread_s: 1,
        intervals: { active_s: 3, quiet_s: 3, dormant_s: 3 },
        retry: { attempts: 1 },
      },
    }),
  );
  [server, browser] = await Promise.all([
    startServer({ dataDir, env: { ...OPERATOR_PUBLIC_URL, CRENEAU_CONFIG: config } }),
    launchChromium(),
  ]);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await simulator?.close();
});

describe('a provider down', () => {
  it('shows its last known slots as old information to confirm, and others as fresh', async () => {
    const doctolib = await until(
      'a Doctolib centre with slots, freshly polled',
      async () =>
        (await centres()).find(
          (c) =>
            c.availability.provider === 'doctolib' &&
            c.availability.status === 'some' &&
            c.availability.slot_count > 0,
        ),
      60,
    );
    await simulator.faults.set('doctolib', { down: { minutes: 60, mode: '503' } });
    // Fresh lasts two intervals plus a minute of grace after the last good answer.
    await until(
      'the Doctolib centre turning stale',
      async () =>
        (await centres()).find((c) => c.id === doctolib.id)?.availability.freshness === 'stale'
          ? true
          : undefined,
      150,
    );

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: 'fr-FR',
    });
    await isolate(context, server.url, PROVIDERS);
    const page = await context.newPage();
    await page.goto(`${server.url}/centres/${doctolib.id}`);
    const box = page.locator('.card [data-availability]').first();
    await expect(box.getAttribute('data-tone')).resolves.toBe('stale');
    await expect(box.locator('[data-headline]').textContent()).resolves.toMatch(/créneaux? \(à confirmer\)$/);
    await expect(box.locator('[data-freshness]').textContent()).resolves.toMatch(
      /^Information ancienne : vérifiée il y a \d+ min$/,
    );

    const others = (await centres()).filter(
      (c) => c.availability.provider && c.availability.provider !== 'doctolib',
    );
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((c) => c.availability.freshness === 'fresh')).toBe(true);
    await context.close();
  }, 280_000);
});
