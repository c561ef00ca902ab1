import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicAvailability } from '../../src/availability/public-availability.ts';
import { importOfficial } from '../../src/registry/import/import-official.ts';
import { writeRegistry } from '../../src/registry/store.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, repoRoot, startServer, tempDataDir } from '../support/server.ts';

/**
 * A real server over a later-vintage file (tests/fixtures/csv/lifecycle-reserved-duplicates.csv), all in
 * Ille-et-Vilaine. Dates of 2021 are past and of 2099 future whatever day the test runs, so the wall
 * clock is never raced. Today: 5002 closed (centre_fermeture), 5003 and 5010 closed (date_fermeture past),
 * 5004 opens in 2099, 5005 and 5006 reserved for health professionals (derived), 5007 and 5008 duplicates
 * of 5001; the operator says 5011 is not 5010.
 */
const LISTED = ['sante-5001', 'sante-5004', 'sante-5009', 'sante-5011'];
const CLOSED = {
  'sante-5002': 'Centre fermé de Rennes Sud',
  'sante-5003': 'Centre de vaccination de Bréquigny',
  'sante-5010': 'Centre de vaccination de Saint-Grégoire',
};
const DUPLICATES = {
  'sante-5007': 'Centre de vaccination Rennes Liberté (salle 2)',
  'sante-5008': 'Centre de vaccination - Liberté Rennes',
};
const RESERVED = {
  'sante-5005': 'Centre de vaccination du CHU Pontchaillou',
  'sante-5006': 'Clinique Saint-Vincent',
};
const HIDDEN = { ...CLOSED, ...DUPLICATES, ...RESERVED };

interface CentreJson {
  id: string;
  availability: PublicAvailability;
}

let server: RunningServer;
const get = (p: string, init?: RequestInit) => fetch(`${server.url}${p}`, { redirect: 'manual', ...init });
const text = async (p: string) => {
  const response = await get(p);
  expect(response.status, p).toBe(200);
  return response.text();
};
const json = async <T>(p: string) => JSON.parse(await text(p)) as T;

function expectNoneOf(body: string, hidden: Record<string, string>, where: string): void {
  for (const [id, name] of Object.entries(hidden)) {
    expect(body.includes(id), `${where} names ${id}`).toBe(false);
    expect(body.includes(name), `${where} names "${name}"`).toBe(false);
  }
}

beforeAll(async () => {
  const dataDir = tempDataDir('creneau-lifecycle-');
  const fixture = readFileSync(path.join(repoRoot, 'tests/fixtures/csv/lifecycle-reserved-duplicates.csv'));
  const { registry } = importOfficial(fixture, {
    source: 'lifecycle-reserved-duplicates.csv',
    communes: { commune: () => undefined, communesByPostcode: () => [] },
    duplicateOverrides: [{ a: '5010', b: '5011', verdict: 'different' }],
  });
  if (!registry) throw new Error('fixture did not import');
  await writeRegistry(dataDir, registry);
  const config = path.join(dataDir, 'creneau.config.json');
  writeFileSync(config, JSON.stringify({ poller: { initial_spread_s: 1 } }));
  server = await startServer({
    dataDir,
    env: { ...OPERATOR_PUBLIC_URL, CRENEAU_CONFIG: config, CRENEAU_STATS_ENABLED: 'off' },
  });
  const deadline = Date.now() + 60_000;
  const polled = ['sante-5001', 'sante-5009', 'sante-5011'];
  while (Date.now() < deadline) {
    const body = JSON.parse(await (await get('/api/v1/departements/35')).text()) as { centres: CentreJson[] };
    const checked = body.centres.filter((c) => polled.includes(c.id) && c.availability.checked_at !== null);
    if (checked.length === polled.length) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the poller did not check the open centres within 60 s');
}, 300_000);
afterAll(async () => server?.stop());

describe('closed centres, duplicates and reserved centres in every public output', () => {
  it('lists only open (or opening) public centres in the département answer, and totals only them', async () => {
    const body = await json<{
      totals: { centres: number; centres_with_slots: number; slots: number };
      centres: CentreJson[];
    }>('/api/v1/departements/35');
    expect(body.centres.map((c) => c.id).sort()).toEqual(LISTED);
    const withSlots = body.centres.filter((c) => c.availability.status === 'some');
    expect(body.totals).toMatchObject({
      centres: LISTED.length,
      centres_with_slots: withSlots.length,
      slots: withSlots.reduce((sum, c) => sum + (c.availability.slot_count ?? 0), 0),
    });
    // 5001's agenda is the one 5007 and 5008 point at: polled once, counted once.
    expect(body.centres.find((c) => c.id === 'sante-5001')?.availability.status).toBe('some');
    // Not open before 2099: never polled, never with slots.
    expect(body.centres.find((c) => c.id === 'sante-5004')?.availability.checked_at).toBeNull();
  });

  it.each([
    ['/api/v1/centres?departement=35'],
    ['/api/v1/centres?lat=48.11&lon=-1.68&radius_km=30'],
    ['/recherche?departement=35'],
    ['/recherche?commune=35238&rayon=30'],
    ['/recherche.csv?departement=35'],
    ['/communes/35238?rayon=30'],
    ['/communes/35238.csv?rayon=30'],
    ['/embed/communes/35238'],
    ['/embed/departements/35'],
    ['/api/v1/vmd/35.json'],
    ['/api/v1/vmd/info_centres.json'],
    ['/smart/locations-35.ndjson'],
    ['/smart/schedules-35.ndjson'],
    ['/smart/slots-35.ndjson'],
    ['/alertes/departements/35.atom'],
  ])('%s names no closed, duplicate or reserved centre', async (p) => {
    expectNoneOf(await text(p), HIDDEN, p);
  });

  it('puts the open centres on the map and in the lists (the proof above is not of an empty page)', async () => {
    const page = await text('/recherche?departement=35');
    for (const id of ['sante-5001', 'sante-5009', 'sante-5011']) expect(page).toContain(`/centres/${id}`);
    const vmd = await json<{
      centres_disponibles: { internal_id: string }[];
      centres_indisponibles: { internal_id: string }[];
    }>('/api/v1/vmd/35.json');
    expect(
      [...vmd.centres_disponibles, ...vmd.centres_indisponibles].map((c) => c.internal_id).sort(),
    ).toEqual(LISTED);
  });

  it('shows a closed centre’s page with the date and the nearest open centres, and no booking button', async () => {
    const page = await text('/centres/sante-5003');
    expect(page).toContain('Ce centre est fermé depuis le 30 juin 2021.');
    const alternatives = /data-testid="open-alternatives">([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? '';
    expect(alternatives).toContain('/centres/sante-5001');
    expectNoneOf(alternatives, HIDDEN, 'alternatives');
    expect(page).not.toContain('/go/sante-5003');
    const flagged = await text('/centres/sante-5002');
    expect(flagged).toContain('Ce centre est fermé.');
    expect(await text('/centres/sante-5003?lang=en')).toContain(
      'This centre has been closed since 30 June 2021.',
    );
  });

  it('never sends /go of a closed centre to its platform: it goes to the centre’s page', async () => {
    for (const id of Object.keys(CLOSED)) {
      const response = await get(`/go/${id}`);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`/centres/${id}`);
    }
    const open = await get('/go/sante-5001');
    expect(open.status).toBe(302);
    expect(open.headers.get('location')).toMatch(/^https:\/\/partners\.doctolib\.fr\/.*practice-111/);
  });

  it('shows a centre opening later as "ouvre le …", with no booking button before', async () => {
    const page = await text('/centres/sante-5004');
    expect(page).toContain('Ce centre ouvre le 1 mars 2099.');
    expect(page).not.toContain('/go/sante-5004');
    expect((await get('/go/sante-5004')).headers.get('location')).toBe('/centres/sante-5004');
  });

  it('redirects a duplicate’s page and booking link to the centre kept in its stead', async () => {
    const page = await get('/centres/sante-5007');
    expect(page.status).toBe(301);
    expect(page.headers.get('location')).toBe('/centres/sante-5001');
    const go = await get('/go/sante-5008');
    expect(go.status).toBe(302);
    expect(go.headers.get('location')).toMatch(/^https:\/\/partners\.doctolib\.fr\/.*practice-111/);
    // The API still answers by id, for links kept from before.
    expect((await get('/api/v1/centres/sante-5007')).status).toBe(200);
  });

  it('includes reserved centres only with the filter, labelled, with the notice by the button, never "avec créneaux"', async () => {
    const page = await text('/recherche?departement=35&pros=1');
    for (const id of Object.keys(RESERVED)) expect(page).toContain(`/centres/${id}`);
    const card = /<article[^>]*data-centre-id="sante-5005"[\s\S]*?<\/article>/.exec(page)?.[0] ?? '';
    expect(card).toContain('Réservé aux professionnels de santé');
    expect(card).toContain('data-testid="pros-notice"');
    const summary = /data-testid="result-count">([^<]*)</.exec(page)?.[1] ?? '';
    const counted = Number(/dont (\d+) avec des créneaux/.exec(summary)?.[1] ?? 0);
    const withoutReserved =
      /data-testid="result-count">([^<]*)</.exec(await text('/recherche?departement=35'))?.[1] ?? '';
    expect(counted).toBe(Number(/dont (\d+) avec des créneaux/.exec(withoutReserved)?.[1] ?? 0));
    const sheet = await text('/centres/sante-5006');
    expect(sheet).toContain('data-testid="pros-notice"');
  });
});
