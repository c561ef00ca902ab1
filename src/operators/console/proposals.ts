import type { Proposal } from '../../discovery/proposal.ts';
import { bookingPlatformOf } from '../../registry/booking-platform.ts';
import { type Centre, UNKNOWN_DETAILS } from '../../registry/centre.ts';
import { displayPhone } from '../../registry/import/phone.ts';
import { platformKey } from '../overrides/override.ts';

/** The registry centre a discovered place becomes when an operator accepts it. */
export function centreOfProposal(proposal: Proposal): Centre {
  const found = proposal.discovered;
  const slug = found.platform_id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return {
    ...UNKNOWN_DETAILS,
    id: `${found.platform.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${slug || 'centre'}`,
    name: found.name,
    address: { lines: [...found.address.lines], postcode: found.address.postcode },
    commune: { insee: found.commune.insee, name: found.commune.name },
    departement: found.departement,
    location: found.location,
    booking: { url: found.booking_url, platform: bookingPlatformOf(found.booking_url) },
    phones: [...found.phones],
    phone_details: found.phones.map((number) => ({
      number,
      display: displayPhone(number),
      column: found.platform,
      text: number,
    })),
    opening_hours: {},
    source: { kind: 'discovery', id: platformKey(found.platform, found.platform_id), updated_at: null },
  };
}

/**
 * The override an accepted proposal writes: a new centre added under its platform key, or the
 * platform's booking link set on the registry centre it matched (keyed by that centre's gid).
 */
export function overrideOfProposal(
  proposal: Proposal,
): { key: string; patch: { centre: Centre } | { fields: { booking_url: string | null } } } | null {
  if (proposal.kind === 'new_centre') {
    const centre = centreOfProposal(proposal);
    return {
      key: platformKey(proposal.discovered.platform, proposal.discovered.platform_id),
      patch: { centre },
    };
  }
  const key = proposal.centreGid ?? proposal.centreId;
  if (!key || !proposal.discovered.booking_url) return null;
  return { key, patch: { fields: { booking_url: proposal.discovered.booking_url } } };
}
