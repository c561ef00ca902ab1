import type { Platform } from './define-platform.ts';

/** The parts of a platform's folder that run: its adapter (poller, `creneau check`), its simulator, its link resolver (`creneau import`), its discovery (`creneau discover`). */
export type PlatformPart = 'adapter' | 'simulator' | 'resolve-link' | 'discover';

/**
 * Imports `adapter.ts` or `simulator.ts` from the platform's folder. Only the adapter and simulator
 * layers call this; the specifier is computed so that bundlers of pages and islands, which reach the
 * manifest through the registry and the i18n, never pull a platform's code in.
 */
export async function loadPlatformPart(platform: Platform, part: PlatformPart): Promise<unknown> {
  const module: { default?: unknown } = await import(
    /* @vite-ignore */ new URL(`./${part}.ts`, platform.home).href
  );
  return module.default;
}
