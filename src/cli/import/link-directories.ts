import type { CreneauConfig } from '../../config/creneau-config.ts';
import { isLinkResolver } from '../../platforms/link-resolver.ts';
import { loadPlatformPart } from '../../platforms/load-platform.ts';
import { manifest } from '../../platforms/manifest.ts';
import type { ImportReport, PlatformLinks } from '../../registry/import/import-report.ts';
import type { LinkDirectory } from '../../registry/import/link-summary.ts';

export interface LinkDirectories {
  directories: LinkDirectory[];
  /** Per platform that resolves links: how resolution went, in a sentence for the report. */
  resolution: Map<string, string>;
}

/**
 * The listings to resolve a first import's unpollable links with. A platform is asked only when it
 * resolves links (`resolvesLinks` in its manifest entry), some of its links need it, and a base URL is
 * configured for it (its real host, or a simulator the operator runs): an import never reaches a
 * network nobody configured. Whatever stays unresolved is said, with why, in the report.
 */
export async function fetchLinkDirectories(
  report: ImportReport,
  config: CreneauConfig | null,
  fetchImpl: typeof fetch = fetch,
): Promise<LinkDirectories> {
  const directories: LinkDirectory[] = [];
  const resolution = new Map<string, string>();
  for (const platform of manifest.booking) {
    if (!platform.resolvesLinks) continue;
    const links = (report.links ?? [])
      .find((p) => p.platform === platform.name)
      ?.unpollable.map((u) => URL.parse(u.url))
      .filter((url): url is URL => url !== null && platform.parseBookingLink(url) !== null);
    if (!links || links.length === 0) continue;
    const baseUrl = config?.providers[platform.name as keyof CreneauConfig['providers']]?.base_url;
    if (!baseUrl) {
      resolution.set(
        platform.name,
        `not resolved: no base URL configured for ${platform.label} (providers.${platform.configKey}.base_url or ${platform.envPrefix}BASE_URL)`,
      );
      continue;
    }
    try {
      const resolver = await loadPlatformPart(platform, 'resolve-link');
      if (!isLinkResolver(resolver))
        throw new Error(`${platform.name}/resolve-link.ts exports no link resolver`);
      const listing = await resolver.listing({ baseUrl, fetch: fetchImpl, links });
      directories.push({ platform: platform.name, ...listing });
      resolution.set(platform.name, `resolved through ${listing.source}`);
    } catch (error) {
      resolution.set(
        platform.name,
        `not resolved: the ${platform.label} listing failed (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return { directories, resolution };
}

/** The report's per-platform link counts with how resolution went. */
export function withResolution(
  links: readonly PlatformLinks[] | undefined,
  resolution: ReadonlyMap<string, string>,
): PlatformLinks[] | undefined {
  return links?.map((p) => {
    const said = resolution.get(p.platform);
    return said ? { ...p, resolution: said } : p;
  });
}
