import type { Platform } from '../platforms/define-platform.ts';
import { manifest } from '../platforms/manifest.ts';

/** The `CRENEAU_<PROVIDER>_BASE_URL` variables that point the adapters at a running simulator. */
export function simulatorEnv(
  urls: Readonly<Record<string, string>>,
  platforms: readonly Platform[] = manifest.platforms,
): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const platform of platforms) {
    const url = urls[platform.name];
    if (url) variables[`${platform.envPrefix}BASE_URL`] = url;
  }
  return variables;
}
