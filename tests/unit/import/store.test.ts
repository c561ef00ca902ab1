import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Centre } from '../../../src/registry/centre.ts';
import type { RegistryFile } from '../../../src/registry/registry-file.ts';
import { RegistryFileError, readRegistry, registryPath, writeRegistry } from '../../../src/registry/store.ts';
import { makeCentre } from '../../fixtures/world.ts';

const centre: Centre = makeCentre({
  id: 'sante-1',
  name: 'Centre de Rennes',
  address: { lines: ['1 place de la Mairie'], postcode: '35000' },
  commune: { insee: '35238', name: 'Rennes' },
  departement: '35',
  location: { lat: 48.11, lon: -1.68, precision: 'address' },
  booking: { url: null, platform: 'none' },
  source: { kind: 'official', id: '1', updated_at: null },
});

function registry(centres: Centre[]): RegistryFile {
  return {
    format: 'creneau-registry',
    version: 1,
    kind: 'official',
    source: 'test',
    imported_at: '2021-01-15T12:00:00+01:00',
    centres,
  };
}

describe('registry store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'creneau-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads back what it wrote, creating the data directory', async () => {
    const nested = path.join(dir, 'data');
    await writeRegistry(nested, registry([centre]));
    expect(await readRegistry(nested)).toEqual(registry([centre]));
  });

  it('returns null when no registry was imported yet', async () => {
    expect(await readRegistry(dir)).toBeNull();
  });

  it('refuses a stored file that is not a registry', async () => {
    await writeFile(registryPath(dir), JSON.stringify({ format: 'something-else' }));
    await expect(readRegistry(dir)).rejects.toThrow(RegistryFileError);
    await writeFile(registryPath(dir), '{ not json');
    await expect(readRegistry(dir)).rejects.toThrow(RegistryFileError);
  });

  it('replaces the previous registry and leaves no temporary file behind', async () => {
    await writeRegistry(dir, registry([centre]));
    await writeRegistry(dir, registry([{ ...centre, id: 'sante-2', name: 'Autre centre' }]));
    expect((await readRegistry(dir))?.centres.map((c) => c.id)).toEqual(['sante-2']);
    // The replaced one is kept as the fallback for a corrupt registry.json (issue 13).
    expect((await readdir(dir)).sort()).toEqual(['registry.json', 'registry.previous.json']);
  });

  it('leaves the previous registry byte-identical when the new one is invalid', async () => {
    await writeRegistry(dir, registry([centre]));
    const before = await readFile(registryPath(dir));
    await expect(writeRegistry(dir, registry([{ ...centre, id: 'Not An Id' }]))).rejects.toThrow();
    expect(await readFile(registryPath(dir))).toEqual(before);
    expect(await readdir(dir)).toEqual(['registry.json']);
  });
});
