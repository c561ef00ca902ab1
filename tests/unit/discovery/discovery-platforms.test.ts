import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAdapterContext } from '../../../src/adapters/context.ts';
import type { Adapter } from '../../../src/adapters/define-adapter.ts';
import doctolibAdapter from '../../../src/adapters/doctolib/adapter.ts';
import doctolibDiscovery from '../../../src/adapters/doctolib/discover.ts';
import keldocAdapter from '../../../src/adapters/keldoc/adapter.ts';
import keldocDiscovery from '../../../src/adapters/keldoc/discover.ts';
import maiiaAdapter from '../../../src/adapters/maiia/adapter.ts';
import maiiaDiscovery from '../../../src/adapters/maiia/discover.ts';
import { adapterNamed } from '../../../src/adapters/registry.ts';
import { departementByCode } from '../../../src/discovery/departements.ts';
import { DiscoveredCentre } from '../../../src/discovery/proposal.ts';
import { discoveringPlatforms, loadDiscoveries } from '../../../src/discovery/run-discovery.ts';
import { manifest } from '../../../src/platforms/manifest.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/discovery/${name}`, import.meta.url), 'utf8');
const rennes = departementByCode('35');
if (!rennes) throw new Error('no département 35');

/** A context whose requests are answered by `answer`, recording each URL asked. */
function contextAnswering(adapter: Adapter, answer: (url: URL) => Response) {
  const asked: URL[] = [];
  const ctx = createAdapterContext(adapter, {
    settings: { base_url: 'https://platform.test', rate_limit: { requests: 1000, per_seconds: 1 } },
    logger: pino({ level: 'silent' }),
    fetch: async (input) => {
      const url = new URL(String(input));
      asked.push(url);
      return answer(url);
    },
  });
  return { ctx, asked };
}

describe('each platform that discovers', () => {
  it('declares it in its platform.ts and has a discover.ts exporting its discovery', async () => {
    const discovering = discoveringPlatforms();
    expect(discovering.map((p) => p.name).sort()).toEqual(['doctolib', 'keldoc', 'maiia', 'smart']);
    const discoveries = await loadDiscoveries(discovering);
    expect(discoveries.map((d) => d.name)).toEqual(discovering.map((p) => p.name));
    // Discovery goes through the platform's adapter context: every discovering platform has an adapter.
    for (const platform of discovering) expect(adapterNamed(platform.name), platform.name).toBeDefined();
    for (const platform of manifest.platforms.filter((p) => !p.discovers))
      await expect(loadDiscoveries([platform])).rejects.toThrow();
  });
});

describe('Keldoc: the search by département for maladies-infectieuses', () => {
  it('reads each place of the answer, with its cabinet in the booking link', async () => {
    const { ctx, asked } = contextAnswering(
      keldocAdapter as Adapter,
      () => new Response(fixture('keldoc-geo-location.json')),
    );
    const listed = await keldocDiscovery.list(ctx, [rennes]);
    expect(asked.map((u) => `${u.pathname}?${u.searchParams}`)).toEqual([
      '/api/patients/v2/searches/geo_location?specialty_id=maladies-infectieuses&raw_location=ille-et-vilaine-35&page=1',
    ]);
    expect(listed.map((l) => DiscoveredCentre.parse(l.centre))).toEqual([
      {
        platform: 'keldoc',
        platform_id: '16792',
        name: 'Centre de vaccination - Salle Guy Ropartz',
        address: { lines: ['14 rue Guy Ropartz'], postcode: '35000' },
        commune: { insee: null, name: 'Rennes' },
        departement: '35',
        location: { lat: 48.1282, lon: -1.648, precision: 'address' },
        booking_url:
          'https://vaccination-covid.keldoc.com/centre-hospitalier-regional/rennes-35000/chu-de-rennes?cabinet=16792&specialty=144',
        phones: [],
      },
      expect.objectContaining({
        platform_id: '16793',
        location: null,
        booking_url:
          'https://vaccination-covid.keldoc.com/centre-hospitalier-regional/bruz-35170/chu-de-rennes/bruz?specialty=144&cabinet=16793',
      }),
    ]);
    expect(keldocDiscovery.linkKeys(listed[0]?.centre.booking_url ?? '')).toEqual({
      placeId: '16792',
      page: 'centre-hospitalier-regional/rennes-35000/chu-de-rennes',
    });
  });

  it('turns an answer that does not fit its schema into a provider error, not a guess', async () => {
    const { ctx } = contextAnswering(keldocAdapter as Adapter, () =>
      Response.json({ results: { section_1: { data: [{ id: 'x', title: 3 }] } } }),
    );
    await expect(keldocDiscovery.list(ctx, [rennes])).rejects.toMatchObject({ kind: 'bad_response' });
  });
});

describe('Doctolib: the vaccination search listing of a département', () => {
  it("stops where the listing leaves the département and keeps each place's practice", async () => {
    const { ctx, asked } = contextAnswering(
      doctolibAdapter as Adapter,
      () => new Response(fixture('doctolib-search.json')),
    );
    const listed = await doctolibDiscovery.list(ctx, [rennes]);
    expect(asked.map((u) => `${u.pathname}${u.search}`)).toEqual([
      '/vaccination-covid-19/ille-et-vilaine.json?page=1',
    ]);
    expect(listed.map((l) => l.centre)).toEqual([
      expect.objectContaining({
        platform_id: 'practice-165752',
        address: { lines: ['10 boulevard de la Liberté'], postcode: '35000' },
        location: { lat: 48.1077, lon: -1.6781, precision: 'address' },
        booking_url:
          'https://partners.doctolib.fr/centre-de-sante/rennes/centre-de-vaccination-covid-19-rennes?pid=practice-165752',
      }),
    ]);
  });

  it('asks the département pages whose names are also communes under their own slug', async () => {
    const { ctx, asked } = contextAnswering(doctolibAdapter as Adapter, () =>
      Response.json({ data: { doctors: [] } }),
    );
    const gironde = departementByCode('33');
    if (!gironde) throw new Error('no 33');
    await doctolibDiscovery.list(ctx, [gironde]);
    expect(asked[0]?.pathname).toBe('/vaccination-covid-19/departement-gironde.json');
  });
});

describe('Maiia: the public listing of centres', () => {
  it('keeps the centres and child centres of the départements asked', async () => {
    const { ctx, asked } = contextAnswering(maiiaAdapter as Adapter, (url) =>
      url.searchParams.get('speciality.shortName') === 'centre-de-vaccination'
        ? new Response(fixture('maiia-hcd.json'))
        : Response.json({ items: [], total: 0 }),
    );
    const listed = await maiiaDiscovery.list(ctx, [rennes]);
    expect(asked.map((u) => u.searchParams.get('speciality.shortName'))).toEqual([
      'centre-de-vaccination',
      'pharmacie',
      'centre-hospitalier-(ch)',
    ]);
    expect(listed.map((l) => l.centre)).toEqual([
      {
        platform: 'maiia',
        platform_id: '60a1b2c3d4e5f60718293a4b',
        name: 'Centre de vaccination de Cesson-Sévigné',
        address: { lines: ['2 allée de la Hublais'], postcode: '35510' },
        commune: { insee: '35051', name: 'Cesson-Sévigné' },
        departement: '35',
        location: { lat: 48.1211, lon: -1.6031, precision: 'address' },
        booking_url:
          'https://www.maiia.com/centre-de-vaccination/35510-cesson-sevigne/cv-cesson?centerid=60a1b2c3d4e5f60718293a4b',
        phones: ['+33299000000'],
      },
    ]);
  });
});
