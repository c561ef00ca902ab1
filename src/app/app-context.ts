import { dataDir } from '../config/data-dir.ts';
import { getGazetteer } from '../places/gazetteer.ts';
import type { Gazetteer } from '../places/types.ts';
import { type CentreIndex, createCentreIndex } from '../registry/centre-index.ts';
import { generateDemoRegistry } from '../registry/demo.ts';
import type { RegistryFile } from '../registry/registry-file.ts';
import { readRegistry } from '../registry/store.ts';

/** Everything a page or an API route reads: built once at start, shared by every request. */
export interface AppContext {
  gazetteer: Gazetteer;
  registry: Omit<RegistryFile, 'centres'>;
  centres: CentreIndex;
  startedAt: Date;
}

// The server entry (run by Node from src/) and the pages (bundled by Astro into dist/) are two
// copies of this module: the context lives on globalThis so that both see the same one.
const CONTEXT_KEY = Symbol.for('creneau.app-context');
type Holder = { [CONTEXT_KEY]?: Promise<AppContext> };

export async function loadAppContext(directory = dataDir()): Promise<AppContext> {
  const gazetteer = getGazetteer();
  const registry: RegistryFile = (await readRegistry(directory)) ?? generateDemoRegistry(gazetteer);
  const { centres, ...meta } = registry;
  return { gazetteer, registry: meta, centres: createCentreIndex(centres), startedAt: new Date() };
}

/** The running app's context, loaded on first use (so `astro dev` works without the server entry). */
export function getAppContext(): Promise<AppContext> {
  const holder = globalThis as Holder;
  holder[CONTEXT_KEY] ??= loadAppContext();
  return holder[CONTEXT_KEY];
}

/** Installs a context built elsewhere (the server entry at start, tests). */
export function setAppContext(context: AppContext | Promise<AppContext>): void {
  (globalThis as Holder)[CONTEXT_KEY] = Promise.resolve(context);
}
