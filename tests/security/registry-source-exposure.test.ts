import { describe, expect, it } from 'vitest';
import { prepareDepartement } from '../../src/api/departements.ts';
import { health } from '../../src/api/health.ts';
import { loadAppContext } from '../../src/app/app-context.ts';
import type { Centre } from '../../src/registry/centre.ts';
import { publicRegistrySource } from '../../src/registry/public-source.ts';
import { makeCentre } from '../fixtures/world.ts';

// Issue 13, point 6: `/healthz` and every `/api/v1` registry block say where the registry came
// from without the query string (an export token) or a local path.

const centre: Centre = makeCentre({
  id: 'sante-1',
  address: { lines: ['1 rue de la Paix'], postcode: '35000' },
  commune: { insee: '35238', name: 'Rennes' },
  departement: '35',
  location: { lat: 48.11, lon: -1.68, precision: 'address' },
});

const registry = (source: string) => ({
  format: 'creneau-registry' as const,
  version: 1 as const,
  kind: 'official' as const,
  source,
  imported_at: '2021-05-01T08:00:00+02:00',
  centres: [centre],
});

describe('registry source in public answers', () => {
  it.each([
    [
      'https://op:pw@www.data.gouv.fr/fr/datasets/r/5cb21a85?token=SECRET-TOKEN#x',
      'https://www.data.gouv.fr/fr/datasets/r/5cb21a85',
    ],
    ['/home/operateur/donnees/centres-vaccination.csv', 'centres-vaccination.csv'],
    ['C:\\Users\\op\\centres.csv', 'centres.csv'],
    ['file:///srv/creneau/centres.csv?x=1', 'file'],
    ['demo', 'demo'],
  ])('publishes %s as %s', (source, shown) => {
    expect(publicRegistrySource(source)).toBe(shown);
  });

  it('keeps the token and the local path out of /healthz and the API', async () => {
    for (const source of [
      'https://www.data.gouv.fr/fr/datasets/r/5cb21a85?token=SECRET-TOKEN',
      '/home/operateur/donnees/centres-vaccination.csv',
    ]) {
      const app = await loadAppContext({ registry: registry(source) });
      const healthz = await (await health(app)).text();
      const api = Buffer.from(prepareDepartement(app, '35').body).toString('utf8');
      for (const body of [healthz, api]) {
        expect(body).not.toContain('SECRET-TOKEN');
        expect(body).not.toContain('/home/operateur');
        expect(body).toContain(publicRegistrySource(source));
      }
    }
  });
});
