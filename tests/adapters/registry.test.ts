import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAdapter } from '../../src/adapters/define-adapter.ts';
import { adapterClaiming, adapters, findAdapterFor } from '../../src/adapters/registry.ts';
import { makeCentre } from '../fixtures/world.ts';

const SRC = new URL('../../src/adapters/', import.meta.url);
const TESTS = new URL('./', import.meta.url);
const FIXTURES = new URL('../fixtures/', import.meta.url);

/** Every module of src/adapters whose default export is an adapter: a file, or a folder's adapter.ts. */
async function adapterModules(): Promise<Array<{ path: string; name: string }>> {
  const found: Array<{ path: string; name: string }> = [];
  for (const entry of readdirSync(SRC)) {
    const isDir = statSync(new URL(entry, SRC)).isDirectory();
    const path = isDir ? `${entry}/adapter.ts` : entry;
    if (!path.endsWith('.ts') || (isDir && !readdirSync(new URL(`${entry}/`, SRC)).includes('adapter.ts')))
      continue;
    const module: { default?: unknown } = await import(new URL(path, SRC).href);
    if (isAdapter(module.default)) found.push({ path, name: module.default.name });
  }
  return found;
}

describe('adapter registry', () => {
  it('lists every adapter module, runs the contract on each, and each has its fixture folder', async () => {
    const modules = await adapterModules();
    expect(modules.length).toBeGreaterThanOrEqual(6);
    for (const { path, name } of modules) {
      expect(
        adapters.map((a) => a.name),
        `${path} is not in registry.ts`,
      ).toContain(name);
      const testFile = new URL(`${name}.test.ts`, TESTS);
      const source = readFileSync(testFile, 'utf8');
      expect(source, `${name}.test.ts does not run the contract`).toMatch(
        /runAdapterContract\(\{\s*adapter:/,
      );
      expect(
        statSync(new URL(`${name}/`, FIXTURES)).isDirectory(),
        `tests/fixtures/${name}/ is missing`,
      ).toBe(true);
    }
    expect(new Set(adapters.map((a) => a.name)).size).toBe(adapters.length);
  });

  it('picks the adapter claiming the booking URL, else the no-availability ones', () => {
    const at = (
      url: string | null,
      phones: string[] = [],
      platform: 'doctolib' | 'maiia' | 'keldoc' | 'other' | 'none' = 'none',
    ) => findAdapterFor(makeCentre({ id: 'x', booking: { url, platform }, phones })).name;
    expect(at('https://partners.doctolib.fr/centre-de-sante/paris/x?pid=practice-1', [], 'doctolib')).toBe(
      'doctolib',
    );
    expect(at('https://www.maiia.com/centre-de-vaccination/75002-paris/x?centerid=1', [], 'maiia')).toBe(
      'maiia',
    );
    expect(at('https://vaccination-covid.keldoc.com/cabinet-medical/paris-75002/x', [], 'keldoc')).toBe(
      'keldoc',
    );
    expect(at('https://www.doctolib.fr/vaccination-covid-19/marseille', [], 'doctolib')).toBe(
      'no-online-booking',
    );
    expect(at(null, ['0100000000'])).toBe('phone-only');
    expect(at(null)).toBe('no-online-booking');
    expect(at('https://www.ville.test/vaccination', ['0100000000'], 'other')).toBe('no-online-booking');
    const feedCentre = makeCentre({ id: 'feed-1', source: { kind: 'feed', id: '1', updated_at: null } });
    expect(findAdapterFor(feedCentre).name).toBe('smart');
  });

  it('finds the adapter of a bare URL, for `creneau check`', () => {
    expect(adapterClaiming('https://www.keldoc.com/centre-hospitalier/lorient-56100/ghbs')?.name).toBe(
      'keldoc',
    );
    expect(adapterClaiming('https://example.test/')).toBeUndefined();
    expect(adapterClaiming('not a url')).toBeUndefined();
  });
});
