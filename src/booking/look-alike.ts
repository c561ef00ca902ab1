import type { Platform } from '../platforms/define-platform.ts';
import { manifest as builtinManifest } from '../platforms/manifest.ts';

/**
 * The booking platform a host imitates without being it (`doctolib.fr.evil.example`,
 * `doctolib-rdv.com`, `www-doctolib.fr`), or null: a host of the platform itself, or one that does
 * not mention any platform. The import warns about such links; `/go` never treats them as the platform.
 */
export function lookAlikePlatform(
  hostname: string,
  platforms: { booking: readonly Pick<Platform, 'name' | 'hosts' | 'ownsHost'>[] } = builtinManifest,
): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  for (const platform of platforms.booking) {
    if (platform.ownsHost(host)) continue;
    const imitated = platform.hosts.some((domain) => {
      const brand = domain.split('.')[0] ?? domain;
      return host.includes(domain) || host.split(/[.-]/).includes(brand);
    });
    if (imitated) return platform.name;
  }
  return null;
}
