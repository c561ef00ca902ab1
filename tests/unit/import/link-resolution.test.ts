import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMaiiaApi } from '../../../src/adapters/maiia/simulator.ts';
import { fetchLinkDirectories, withResolution } from '../../../src/cli/import/link-directories.ts';
import { loadConfig } from '../../../src/config/load-config.ts';
import { importOfficial } from '../../../src/registry/import/import-official.ts';
import { type ProviderServer, startProviderServer } from '../../../src/simulator/server.ts';
import { fakeCommunes } from './fake-communes.ts';

const NOW = new Date('2021-01-15T12:00:00+01:00');
const NO_CONFIG_DIR = new URL('../../fixtures/csv/', import.meta.url).pathname;

async function importMalformed(
  linkDirectories = [] as Parameters<typeof importOfficial>[1]['linkDirectories'],
) {
  const bytes = await readFile(new URL('../../fixtures/csv/links-malformed.csv', import.meta.url));
  return importOfficial(bytes, {
    source: 'links-malformed.csv',
    communes: fakeCommunes(),
    now: () => NOW,
    ...(linkDirectories ? { linkDirectories } : {}),
  });
}

describe('resolving Maiia links without centerid= through the listing the simulator speaks', () => {
  let server: ProviderServer;
  beforeAll(async () => {
    // The simulator knows every Maiia centre of the registry, including those whose link lacks the id.
    const { registry } = await importMalformed();
    server = await startProviderServer({
      provider: 'maiia',
      api: createMaiiaApi(registry?.centres ?? [], 'h6-seed'),
      seed: 'h6-seed',
      clock: () => NOW,
      host: '127.0.0.1',
      port: 0,
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives the slug-only link its centerid=, keeps the original, and leaves the town page unpollable with its reason', async () => {
    const first = await importMalformed();
    const config = await loadConfig({ cwd: NO_CONFIG_DIR, env: { CRENEAU_MAIIA_BASE_URL: server.url } });
    const { directories, resolution } = await fetchLinkDirectories(first.report, config);
    expect(directories.map((d) => d.platform)).toEqual(['maiia']);
    expect(resolution.get('maiia')).toMatch(
      /^resolved through http:\/\/127\.0\.0\.1:\d+\/api\/pat-public\/hcd/,
    );

    const { registry, report } = await importMalformed(directories);
    const centre = registry?.centres.find((c) => c.source.id === '5104');
    expect(centre?.booking.url).toMatch(
      /^https:\/\/www\.maiia\.com\/centre-de-vaccination\/03000-moulins\/centre-de-vaccination--moulins---yzeure\?centerid=[0-9a-f]{24}$/,
    );
    expect(centre?.booking).toMatchObject({
      original_url:
        'https://www.maiia.com/centre-de-vaccination/03000-moulins/centre-de-vaccination--moulins---yzeure',
      repairs: ['resolved-from-listing'],
    });
    const maiia = withResolution(report.links, resolution)?.find((p) => p.platform === 'maiia');
    expect(maiia).toMatchObject({ read: 3, resolved: 1, pollable: 2, not_pollable: 1 });
    expect(maiia?.unpollable.map((u) => u.gid)).toEqual(['5105']);
    expect(report.issues.find((i) => i.gid === '5104')?.kind).toBe('booking-url-resolved');

    // The resolved link is one the platform answers for.
    const centerId = new URL(centre?.booking.url ?? '').searchParams.get('centerid');
    const reasons = await fetch(
      `${server.url}/api/pat-public/consultation-reason-hcd?rootCenterId=${centerId}`,
    );
    expect(reasons.status).toBe(200);
  });

  it('says why nothing was resolved when no base URL is configured, and asks no one', async () => {
    const first = await importMalformed();
    const config = await loadConfig({ cwd: NO_CONFIG_DIR, env: {} });
    const asked: string[] = [];
    const { directories, resolution } = await fetchLinkDirectories(first.report, config, async (input) => {
      asked.push(String(input));
      return new Response('{}');
    });
    expect(directories).toEqual([]);
    expect(asked).toEqual([]);
    expect(resolution.get('maiia')).toBe(
      'not resolved: no base URL configured for Maiia (providers.maiia.base_url or CRENEAU_MAIIA_BASE_URL)',
    );
  });

  it('reports a listing that fails instead of failing the import', async () => {
    const first = await importMalformed();
    const config = await loadConfig({ cwd: NO_CONFIG_DIR, env: { CRENEAU_MAIIA_BASE_URL: server.url } });
    const { directories, resolution } = await fetchLinkDirectories(
      first.report,
      config,
      async () => new Response('busy', { status: 503 }),
    );
    expect(directories).toEqual([]);
    expect(resolution.get('maiia')).toBe(
      'not resolved: the Maiia listing failed (Maiia listing centre-de-vaccination: HTTP 503)',
    );
  });
});
