import { manifest } from '../../platforms/manifest.ts';
import type { Centre } from '../centre.ts';
import type { FieldIssue, PlatformLinks, UnpollableLink } from './import-report.ts';

/** The repair a link resolution records in `booking.repairs`. */
export const RESOLVED_FROM_LISTING = 'resolved-from-listing';

/**
 * A platform's public listing of centres, fetched before the import (a platform's `resolve-link.ts`):
 * the pollable link of a centre whose link cannot be polled as written, or null when it lists none.
 */
export interface LinkDirectory {
  platform: string;
  /** Where the listing came from (the platform's base URL or the simulator's), for the report. */
  source: string;
  resolve(url: URL): string | null;
}

/**
 * A centre's booking link, settled: pollable as written; resolved through its platform's listing
 * (the new link replaces it, the old one kept as `original_url`); or still unpollable, with a warning
 * saying why. Links to other sites, and centres without a link, pass unchanged.
 */
export function settleLink(
  centre: Centre,
  directories: readonly LinkDirectory[],
): { centre: Centre; issue?: FieldIssue } {
  const { url, platform: name } = centre.booking;
  const platform = manifest.booking.find((p) => p.name === name);
  if (!platform || url === null) return { centre };
  const problem = platform.pollProblem(url);
  if (problem === null) return { centre };
  const directory = directories.find((d) => d.platform === platform.name);
  const parsed = URL.parse(url);
  const resolved = directory && parsed ? directory.resolve(parsed) : null;
  if (resolved && platform.pollProblem(resolved) === null) {
    return {
      centre: {
        ...centre,
        booking: {
          ...centre.booking,
          url: resolved,
          original_url: centre.booking.original_url ?? url,
          repairs: [...(centre.booking.repairs ?? []), RESOLVED_FROM_LISTING],
        },
      },
      issue: {
        kind: 'booking-url-resolved',
        message: `rdv_site_web ${url}: ${problem}; resolved through the ${platform.label} listing (${directory?.source}) as ${resolved}`,
      },
    };
  }
  const looked = directory ? `, and the ${platform.label} listing has no centre at this address` : '';
  return {
    centre,
    issue: {
      kind: 'booking-url-unpollable',
      message: `rdv_site_web ${url}: ${problem}${looked}; not polled on ${platform.label} (its availability stays unknown, never "not found")`,
    },
  };
}

export interface ImportedCentre {
  /** The centre's row in the file (the header is row 1). */
  row: number;
  centre: Centre;
}

/**
 * Per booking platform of the manifest, in its order: links read, repaired (at import), resolved
 * (through the platform's listing), pollable and not pollable, with each unpollable link and its reason.
 * Every platform is listed, even without links, so that a new vintage's gaps show.
 */
export function summariseLinks(imported: readonly ImportedCentre[]): PlatformLinks[] {
  return manifest.booking.map((platform) => {
    const unpollable: UnpollableLink[] = [];
    let read = 0;
    let repaired = 0;
    let resolved = 0;
    for (const { row, centre } of imported) {
      const { url, platform: name, repairs = [] } = centre.booking;
      if (name !== platform.name || url === null) continue;
      read++;
      if (repairs.some((kind) => kind !== RESOLVED_FROM_LISTING)) repaired++;
      if (repairs.includes(RESOLVED_FROM_LISTING)) resolved++;
      const reason = platform.pollProblem(url);
      if (reason !== null)
        unpollable.push({ row, gid: centre.source.id ?? centre.id, centre_id: centre.id, url, reason });
    }
    return {
      platform: platform.name,
      read,
      repaired,
      resolved,
      pollable: read - unpollable.length,
      not_pollable: unpollable.length,
      unpollable,
    };
  });
}

/** The summary's last lines, one per platform: `maiia: 18 read, 0 repaired, 0 resolved, 2 pollable, 16 not pollable`. */
export function formatLinkSummary(links: readonly PlatformLinks[]): string[] {
  return links.map(
    (p) =>
      `${p.platform}: ${p.read} read, ${p.repaired} repaired, ${p.resolved} resolved, ${p.pollable} pollable, ${p.not_pollable} not pollable`,
  );
}
