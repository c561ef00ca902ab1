import { manifest } from '../platforms/manifest.ts';
import type { Centre } from './centre.ts';

/** A centre booking on a platform that cannot be polled for it, and why (`/statut`, `creneau check`). */
export interface UnpollableLink {
  platform: string;
  label: string;
  centre: Pick<Centre, 'id' | 'name'>;
  url: string;
  reason: string;
}

/**
 * The centres whose booking link their platform cannot poll, even after the import's repair and
 * resolution (import/link-summary.ts says the same per import): their availability stays unknown,
 * and this says why instead of leaving them "not found".
 */
export function unpollableLinks(centres: Iterable<Centre>): UnpollableLink[] {
  const found: UnpollableLink[] = [];
  for (const centre of centres) {
    const { url, platform: name } = centre.booking;
    const platform = url === null ? undefined : manifest.booking.find((p) => p.name === name);
    const reason = platform && url !== null ? platform.pollProblem(url) : null;
    if (platform && url !== null && reason !== null)
      found.push({ platform: platform.name, label: platform.label, centre, url, reason });
  }
  return found;
}
