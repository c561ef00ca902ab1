import { dataDir } from '../config/data-dir.ts';
import type { Gazetteer } from '../places/types.ts';
import { generateDemoRegistry } from './demo.ts';
import { internStrings } from './load-interned.ts';
import type { RegistryFile } from './registry-file.ts';
import { readRegistry } from './store.ts';

/**
 * The registry to serve: the imported one (`creneau import`), its repeated strings shared, else the
 * deterministic demo.
 */
export async function loadRegistry(gazetteer: Gazetteer, directory = dataDir()): Promise<RegistryFile> {
  const stored = await readRegistry(directory);
  return stored ? internStrings(stored) : generateDemoRegistry(gazetteer);
}
