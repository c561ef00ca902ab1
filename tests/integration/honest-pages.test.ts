import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicAvailability } from '../../src/availability/public-availability.ts';
import { getGazetteer } from '../../src/places/gazetteer.ts';
import type { Centre } from '../../src/registry/centre.ts';
import { generateDemoRegistry } from '../../src/registry/demo.ts';
import { simulatorEnv } from '../../src/simulator/env.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

/**
 * Issue 12 on the rendered pages: the real server (`npm start`) polling a simulator whose Doctolib
 * answers 500 to every request from the start. A Doctolib centre's card and page never say "Aucun
 * créneau": they say the platform does not answer, and since when.
 */

type CentreJson = Centre & { availability: PublicAvailability };

let simulator: Simulator;
let server: RunningServer;
const get = (p: string) => fetch(`${server.url}${p}`);

/** The Doctolib centres whose last check failed, with their département, as the API shows them. */
let failing: Array<{ id: string; departement: string }> = [];

beforeAll(async () => {
  // The same registry the server generates for itself (demo data, default seed).
  const demo = generateDemoRegistry(getGazetteer());
  simulator = await startSimulator({ centres: demo.centres });
  await simulator.faults.set('doctolib', { errorRate: 1 });
  const dataDir = tempDataDir();
  const config = path.join(dataDir, 'creneau.config.json');
  writeFileSync(config, JSON.stringify({ poller: { initial_spread_s: 1 } }));
  server = await startServer({
    dataDir,
    env: { ...OPERATOR_PUBLIC_URL, ...simulatorEnv(simulator.urls), CRENEAU_CONFIG: config },
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const info = (await (await get('/api/v1/vmd/info_centres.json')).json()) as Record<
      string,
      { centres_indisponibles: Array<{ internal_id: string; departement: string; erreur: string | null }> }
    >;
    failing = Object.values(info)
      .flatMap((file) => file.centres_indisponibles)
      .filter((c) => c.erreur?.startsWith('La plateforme de réservation est injoignable'))
      .map((c) => ({ id: c.internal_id, departement: c.departement }));
    if (failing.length >= 3) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('three Doctolib centres did not fail within 90 s');
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await simulator?.close();
});

/** The text of one centre's card on a results page. */
function cardText(html: string, id: string): string {
  const start = html.indexOf(`id="centre-${id}"`);
  const end = html.indexOf('</article>', start);
  return html
    .slice(start, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('pages when a platform fails from the start', () => {
  it('cards say the platform does not answer and since when, never "Aucun créneau" or 0', async () => {
    const [first] = failing;
    const api = (await (await get(`/api/v1/departements/${first?.departement}`)).json()) as {
      centres: CentreJson[];
    };
    const html = await (await get(`/recherche?departement=${first?.departement}`)).text();
    const checked = api.centres.filter((c) => c.availability.error !== null);
    expect(checked.length).toBeGreaterThan(0);
    for (const centre of checked) {
      expect(centre.availability, centre.id).toMatchObject({
        status: 'unknown',
        slot_count: null,
        per_day: null,
      });
      if (!html.includes(`id="centre-${centre.id}"`)) continue;
      const text = cardText(html, centre.id);
      expect(text, centre.id).toMatch(/la plateforme ne répond pas depuis \d+ h \d\d/);
      expect(text, centre.id).not.toMatch(/Aucun créneau|\b0 créneau/);
    }
    expect(checked.some((c) => html.includes(`id="centre-${c.id}"`))).toBe(true);
  });

  it("the centre's own page says so too", async () => {
    const html = await (await get(`/centres/${failing[0]?.id}`)).text();
    expect(html).toMatch(/la plateforme ne répond pas depuis \d+ h \d\d/);
    expect(html).not.toMatch(/Aucun créneau/);
  });
});
