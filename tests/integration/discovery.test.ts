import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrideWriter } from '../../src/discovery/operator-overrides.ts';
import type { Proposal } from '../../src/discovery/proposal.ts';
import { openProposalStore } from '../../src/discovery/proposal-store.ts';
import { type DiscoveryReport, loadDiscoveries } from '../../src/discovery/run-discovery.ts';
import type { Centre } from '../../src/registry/centre.ts';
import { readRegistry } from '../../src/registry/store.ts';
import { discoverablePlaces } from '../../src/simulator/discoverable.ts';
import { DEFAULT_SEED } from '../../src/simulator/simulator.ts';
import { runCreneau } from '../support/cli.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

/**
 * Discovery against the simulator, end to end: an official list of 60 centres of Ille-et-Vilaine (a
 * quarter without booking link), `creneau discover`, an operator accepting a new centre and a link,
 * the public site serving them, and a re-import of the same list keeping them.
 */

const TOWNS = [
  ['35238', '35000', 'Rennes', 48.1113, -1.68],
  ['35047', '35170', 'Bruz', 48.0247, -1.7458],
  ['35360', '35500', 'Vitré', 48.1236, -1.2096],
  ['35288', '35400', 'Saint-Malo', 48.6493, -2.0257],
  ['35051', '35510', 'Cesson-Sévigné', 48.1211, -1.6031],
] as const;
const HALLS = [
  'Salle Guy Ropartz',
  'Gymnase des Gayeulles',
  'Espace Bel Air',
  'Halle Martenot',
  'Salle de la Cité',
];

function officialCsv(): string {
  const rows = [
    'gid;nom;adr_num;adr_voie;com_cp;com_insee;com_nom;lat_coor1;long_coor1;rdv_site_web;rdv_tel',
  ];
  for (let i = 0; i < 60; i++) {
    const [insee, cp, town, lat, lon] = TOWNS[i % TOWNS.length] ?? TOWNS[0];
    const slug = town
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^a-z]+/g, '-');
    const links = [
      '',
      `https://vaccination-covid.keldoc.com/centre-hospitalier-regional/${slug}-${cp}/cv-${i}?specialty=144&cabinet=${20_000 + i}`,
      `https://partners.doctolib.fr/centre-de-sante/${slug}/cv-${i}?pid=practice-${150_000 + i}`,
      `https://www.maiia.com/centre-de-vaccination/${cp}-${slug}/cv-${i}?centerid=${(0xabc000 + i).toString(16).padStart(24, '0')}`,
      `https://rdv.${slug}.example/vaccination/cv-${i}`,
    ];
    const name = `Centre de vaccination ${town} – ${HALLS[i % HALLS.length]} ${Math.floor(i / 5) + 1}`;
    const position = `${(lat + ((i * 0.0013) % 0.02)).toFixed(5)};${(lon + ((i * 0.0017) % 0.02)).toFixed(5)}`;
    rows.push(
      `${1000 + i};${name};${i + 1};rue de la Paix;${cp};${insee};${town};${position};${links[i % links.length]};02 99 00 00 ${String(i).padStart(2, '0')}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

let dataDir: string;
let csv: string;
let registry: Centre[];
let report: DiscoveryReport;
let server: RunningServer | undefined;

const PLATFORMS = ['doctolib', 'maiia', 'keldoc', 'smart'];
const discoveries = await loadDiscoveries();

beforeAll(async () => {
  dataDir = tempDataDir('creneau-discovery-');
  csv = path.join(dataDir, 'official.csv');
  writeFileSync(csv, officialCsv());
  const imported = await runCreneau(['import', csv], dataDir);
  expect(imported.code, imported.stderr).toBe(0);
  registry = (await readRegistry(dataDir))?.centres ?? [];
  const run = await runCreneau(['discover', '--departement=35', '--json'], dataDir);
  expect(run.code, run.stderr).toBe(0);
  report = JSON.parse(run.stdout) as DiscoveryReport;
}, 240_000);
afterAll(async () => server?.stop());

describe('creneau discover against the simulator', () => {
  it('asks every platform and proposes a link for each registry centre a platform lists without one', () => {
    expect(report.platforms.map((p) => [p.platform, p.error])).toEqual(PLATFORMS.map((p) => [p, null]));
    // What the simulator lists, from the same registry and seed (src/simulator/discoverable.ts).
    const places = PLATFORMS.flatMap((platform) => discoverablePlaces(registry, DEFAULT_SEED, platform));
    const withoutLink = new Set(registry.filter((c) => c.booking.url === null).map((c) => c.id));
    const listedWithoutLink = places.filter((p) => p.registryId && withoutLink.has(p.registryId));
    expect(listedWithoutLink.length).toBeGreaterThan(0);
    const links = report.added.filter((p) => p.kind === 'link');
    expect(new Set(links.map((p) => p.centreId))).toEqual(
      new Set(listedWithoutLink.map((p) => p.registryId)),
    );
    for (const proposal of links) {
      const listed = listedWithoutLink.find((p) => p.registryId === proposal.centreId);
      // The same place on the same platform (a listing gives the page and the place's id, not every parameter).
      const read = (url: string | null | undefined) =>
        discoveries.find((d) => d.name === proposal.platform)?.linkKeys(url ?? '');
      if (proposal.platform === 'smart')
        expect(proposal.discovered.booking_url).toBe(listed?.centre.booking.url);
      else {
        expect(read(proposal.discovered.booking_url)).toEqual(read(listed?.centre.booking.url));
        expect(read(proposal.discovered.booking_url)?.placeId).toBeTruthy();
      }
      expect(proposal.status).toBe('pending');
    }
  });

  it('finds the centres missing from the registry as new centres', () => {
    const missing = PLATFORMS.flatMap((platform) =>
      discoverablePlaces(registry, DEFAULT_SEED, platform).filter((p) => p.registryId === null),
    );
    expect(missing.length).toBeGreaterThan(0);
    const added = report.added.filter((p) => p.kind === 'new_centre');
    expect(added.map((p) => p.discovered.name).sort()).toEqual(missing.map((p) => p.name).sort());
  });

  it('keeps proposals in the data directory, and a second run proposes nothing twice', async () => {
    const stored = await openProposalStore(dataDir).listProposals();
    expect(stored.map((p) => p.id).sort()).toEqual(report.added.map((p) => p.id).sort());
    const again = await runCreneau(['discover', '--departement=35', '--json'], dataDir);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as DiscoveryReport;
    expect(second.added).toEqual([]);
    expect(second.seen).toBe(report.added.length);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'proposals.json'), 'utf8')).proposals).toHaveLength(
      report.added.length,
    );
  });

  it('refuses a département that does not exist', async () => {
    const run = await runCreneau(['discover', '--departement=99'], dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--departement=99/);
  });
});

describe('an accepted proposal', () => {
  let newCentre: Proposal;
  let link: Proposal;
  const get = async (p: string) => {
    const response = await fetch(`${server?.url}${p}`);
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    const store = openProposalStore(dataDir);
    const write = await overrideWriter(dataDir, pino({ level: 'silent' }));
    if (!write) throw new Error('no override store');
    const pending = await store.listProposals({ status: 'pending' });
    const located = pending.find((p) => p.kind === 'new_centre' && p.discovered.location);
    const linked = pending.find((p) => p.kind === 'link');
    if (!located || !linked) throw new Error('nothing to accept');
    // What the console's "accept" does: the decision, then the override (src/operators/console).
    newCentre = await store.decide(located.id, 'accepted', 'opérateur test');
    await write(newCentre);
    link = await store.decide(linked.id, 'accepted', 'opérateur test');
    await write(link);
    server = await startServer({ dataDir, env: OPERATOR_PUBLIC_URL });
  }, 240_000);

  const newId = () =>
    `${newCentre.discovered.platform}-${newCentre.discovered.platform_id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

  it('puts a new centre on the map and in the feeds', async () => {
    const id = newId();
    const centre = await get(`/api/v1/centres/${id}`);
    expect(centre.status).toBe(200);
    expect(JSON.parse(centre.text).centre).toMatchObject({ id, name: newCentre.discovered.name });
    expect((await get('/api/v1/markers?departement=35')).text).toContain(id);
    expect((await get('/api/v1/vmd/35.json')).text).toContain(id);
    expect((await get('/smart/locations-35.ndjson')).text).toContain(id);
  });

  it('gives a registry centre the link the platform lists', async () => {
    const { centre } = JSON.parse((await get(`/api/v1/centres/${link.centreId}`)).text) as { centre: Centre };
    expect(centre.booking.url).toBe(link.discovered.booking_url);
  });

  it('survives a re-import of the official file, with every other override', async () => {
    await server?.stop();
    server = undefined;
    const overridesBefore = JSON.parse(readFileSync(path.join(dataDir, 'overrides.json'), 'utf8')).overrides;
    expect(overridesBefore).toHaveLength(2);
    const imported = await runCreneau(['import', csv], dataDir);
    expect(imported.code, imported.stderr).toBe(0);
    const overridesAfter = JSON.parse(readFileSync(path.join(dataDir, 'overrides.json'), 'utf8')).overrides;
    expect(overridesAfter).toEqual(overridesBefore);
    server = await startServer({ dataDir, env: OPERATOR_PUBLIC_URL });
    expect((await get(`/api/v1/centres/${newId()}`)).status).toBe(200);
    const { centre } = JSON.parse((await get(`/api/v1/centres/${link.centreId}`)).text) as { centre: Centre };
    expect(centre.booking.url).toBe(link.discovered.booking_url);
  }, 240_000);
});
