import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOfficial } from '../../src/registry/import/import-official.ts';
import { writeRegistry } from '../../src/registry/store.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';
import { fakeCommunes } from '../unit/import/fake-communes.ts';

let server: RunningServer;

beforeAll(async () => {
  const dataDir = tempDataDir('creneau-statut-links-');
  const bytes = await readFile(new URL('../fixtures/csv/links-malformed.csv', import.meta.url));
  const { registry } = importOfficial(bytes, { source: 'links-malformed.csv', communes: fakeCommunes() });
  if (!registry) throw new Error('the fixture did not import');
  await writeRegistry(dataDir, registry);
  server = await startServer({ dataDir, env: OPERATOR_PUBLIC_URL });
}, 300_000);
afterAll(async () => {
  await server?.stop();
});

describe('/statut', () => {
  it('lists, per platform, the booking links Créneau cannot poll and why', async () => {
    const html = await (await fetch(`${server.url}/statut`)).text();
    expect(html).toContain('data-unpollable="maiia"');
    expect(html).toContain('data-unpollable="doctolib"');
    expect(html).toContain('Maiia : 2 liens');
    expect(html).toContain('href="/centres/sante-5104"');
    expect(html).toContain('the link has no centerid= (only the page slug)');
  });
});
