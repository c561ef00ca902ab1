import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getGazetteer } from '../../src/places/gazetteer.ts';
import { generateDemoRegistry } from '../../src/registry/demo.ts';
import { writeRegistry } from '../../src/registry/store.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

// Issue 15, point 1: a centre that books by phone only but whose number the official list lacks
// says so, and gives the helpline instead of leaving the visitor with nothing to do.
let server: RunningServer;
let centreId: string;

beforeAll(async () => {
  const demo = generateDemoRegistry(getGazetteer());
  const rennes = demo.centres.find((centre) => centre.commune.insee === '35238' && centre.phones.length > 0);
  if (!rennes) throw new Error('no Rennes centre with a phone in the demo');
  centreId = rennes.id;
  const centres = demo.centres.map((centre) =>
    centre.id === centreId
      ? { ...centre, phones: [], booking: { url: null, platform: 'none' as const } }
      : centre,
  );
  const dataDir = tempDataDir('creneau-no-number-');
  await writeRegistry(dataDir, { ...demo, centres });
  server = await startServer({ dataDir, env: { ...OPERATOR_PUBLIC_URL, CRENEAU_POLLER: 'off' } });
}, 300_000);
afterAll(async () => server?.stop());

describe('a phone-only centre without a number', () => {
  it('says the number is missing and gives the helpline, on its card and its page', async () => {
    for (const path of ['/recherche?commune=35238&rayon=20', `/centres/${encodeURIComponent(centreId)}`]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      const $ = cheerio.load(await response.text());
      const card = $(`[data-centre-id="${centreId}"]`).first();
      const scope = card.length > 0 ? card : $('main');
      const notice = scope.find('[data-testid="no-number"]');
      expect(notice.length, path).toBe(1);
      expect(notice.text(), path).toContain('son numéro ne nous a pas été communiqué');
      expect(notice.find('[data-testid="helpline-number"]').text(), path).toBe('0 800 009 110');
      expect(notice.find('a[href^="tel:"]').length, path).toBe(1);
    }
  });

  it('shows no such notice on a centre that publishes its number', async () => {
    const $ = cheerio.load(await (await fetch(`${server.url}/recherche?commune=35238&rayon=20`)).text());
    const others = $('[data-centre-id]').filter((_, card) => $(card).attr('data-centre-id') !== centreId);
    expect(others.length).toBeGreaterThan(0);
    expect(others.find('[data-testid="no-number"]').length).toBe(0);
  });
});
