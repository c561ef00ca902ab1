import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAdapter } from '../../src/adapters/define-adapter.ts';
import { adapterClaiming, adapters, findAdapterFor } from '../../src/adapters/registry.ts';
import { CreneauConfigFile } from '../../src/config/creneau-config.ts';
import { readEnvOverrides } from '../../src/config/env-overrides.ts';
import { loadPlatformPart } from '../../src/platforms/load-platform.ts';
import { manifest } from '../../src/platforms/manifest.ts';
import { bookingPlatformOf } from '../../src/registry/booking-platform.ts';
import { BookingPlatform } from '../../src/registry/centre.ts';
import { isSimulatorDefinition } from '../../src/simulator/http-types.ts';
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

/** Files a module loads at run time: its static imports, transitively, `import type` left out. */
function runtimeImports(start: URL, seen = new Set<string>()): Set<string> {
  const source = readFileSync(start, 'utf8');
  for (const [, specifier] of source.matchAll(/^import (?!type )[^;]*?from '(\.[^']+)';$/gms)) {
    const next = new URL(specifier ?? '', start);
    if (seen.has(next.pathname)) continue;
    seen.add(next.pathname);
    runtimeImports(next, seen);
  }
  return seen;
}

const exists = (url: URL) => statSync(url, { throwIfNoEntry: false }) !== undefined;
const runsContract = (name: string) =>
  exists(new URL(`${name}.test.ts`, TESTS)) &&
  /runAdapterContract\(\{\s*adapter:/.test(readFileSync(new URL(`${name}.test.ts`, TESTS), 'utf8'));

describe('the provider manifest', () => {
  it.each(manifest.platforms.map((p) => [p.name, p] as const))(
    '%s has its folder, adapter, contract run, simulator, fixtures and config key',
    async (name, platform) => {
      const home = new URL(`${name}/`, SRC);
      expect(new URL('platform.ts', home).href, `${name}: platform.ts is not in src/adapters/${name}/`).toBe(
        platform.home,
      );
      const adapter = await loadPlatformPart(platform, 'adapter');
      expect(isAdapter(adapter) && adapter.name, `src/adapters/${name}/adapter.ts`).toBe(name);
      expect(adapters, `${name} is not among the registry's adapters`).toContain(adapter);
      expect(runsContract(name), `tests/adapters/${name}.test.ts does not run the contract`).toBe(true);
      const simulator = await loadPlatformPart(platform, 'simulator');
      expect(isSimulatorDefinition(simulator) && simulator.name, `src/adapters/${name}/simulator.ts`).toBe(
        name,
      );
      expect(exists(new URL(`${name}/fake.ts`, FIXTURES)), `tests/fixtures/${name}/fake.ts is missing`).toBe(
        true,
      );
      expect(
        CreneauConfigFile.safeParse({ providers: { [platform.configKey]: { concurrency: 3 } } }).success,
        `providers.${platform.configKey} is not a config key`,
      ).toBe(true);
      expect(readEnvOverrides({ [`${platform.envPrefix}CONCURRENCY`]: '3' }).providers).toEqual({
        [platform.configKey]: { concurrency: 3 },
      });
      if (platform.kind === 'booking') expect(BookingPlatform.options).toContain(name);
    },
  );

  it('reads its own example and demo links: same platform by host, parsed, claimed by its adapter', () => {
    const draws = { int: (min: number) => min };
    for (const platform of manifest.booking) {
      const links = [platform.linkExample];
      if (platform.demo)
        links.push(
          platform.demo.bookingUrl({ town: 'nantes', postcode: '44000', centre: 'centre-a' }, draws),
        );
      for (const link of links) {
        expect(bookingPlatformOf(link), link).toBe(platform.name);
        expect(platform.parseBookingLink(link), link).not.toBeNull();
        expect(adapterClaiming(link)?.name, link).toBe(platform.name);
      }
    }
  });

  it('keeps each platform.ts a leaf: it imports only definePlatform, so pages and islands load no adapter', () => {
    for (const { name } of manifest.platforms) {
      const source = readFileSync(new URL(`${name}/platform.ts`, SRC), 'utf8');
      const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      expect(imports, `src/adapters/${name}/platform.ts`).toEqual(['../../platforms/define-platform.ts']);
      expect(source, `src/adapters/${name}/platform.ts`).not.toMatch(/import\(/);
    }
  });

  it('lets the registry, the config and the i18n use the manifest without loading an adapter or a simulator', () => {
    for (const entry of [
      'registry/centre.ts',
      'registry/booking-platform.ts',
      'config/load-config.ts',
      'i18n/fr.ts',
    ]) {
      const reached = runtimeImports(new URL(`../${entry}`, SRC));
      const heavy = [...reached].filter((file) =>
        /\/src\/(adapters\/(?!.*platform\.ts$)|simulator\/)/.test(file),
      );
      expect(heavy, `src/${entry} loads`).toEqual([]);
    }
  });

  it('lists every adapter folder, and the adapters that make no request are tested too', async () => {
    const modules = await adapterModules();
    expect(modules.length).toBeGreaterThanOrEqual(6);
    for (const { path, name } of modules) {
      expect(
        adapters.map((a) => a.name),
        `${path} is not in the manifest`,
      ).toContain(name);
      if (path.endsWith('/adapter.ts'))
        expect(
          manifest.named(name),
          `src/adapters/${path} has no line in src/platforms/manifest.ts`,
        ).toBeDefined();
      expect(runsContract(name), `${name}.test.ts does not run the contract`).toBe(true);
      expect(exists(new URL(`${name}/`, FIXTURES)), `tests/fixtures/${name}/ is missing`).toBe(true);
    }
    expect(new Set(adapters.map((a) => a.name)).size).toBe(adapters.length);
  });
});

describe('adapter registry', () => {
  it('picks the adapter claiming the booking URL, else the no-availability ones', () => {
    const at = (url: string | null, phones: string[] = [], platform: BookingPlatform = 'none') =>
      findAdapterFor(makeCentre({ id: 'x', booking: { url, platform }, phones })).name;
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
