import { bookingPlatformOf } from '../registry/booking-platform.ts';
import { type Centre, UNKNOWN_DETAILS } from '../registry/centre.ts';
import type { Proposal } from './proposal.ts';

/**
 * What accepting a proposal writes as an override (src/operators/overrides, H3's store): the fields
 * the registry takes from it. A new centre is a whole centre (`source.kind: 'discovery'`); a link or a
 * platform id is the registry centre's new booking link, nothing else of it changes.
 */
export type ProposalOverride =
  | {
      kind: 'add';
      /** `platform:<platform>:<platform id>`: the place, whatever registry it lands in. */
      key: string;
      centreId: string;
      fields: Centre;
    }
  | {
      kind: 'update';
      /** The registry centre's id in its source (the official `gid`), else its Créneau id. */
      key: string;
      centreId: string;
      fields: Pick<Centre, 'booking'>;
    };

/** `keldoc-12345`, `maiia-60a…`: a discovered centre's id, stable across runs and registries. */
export function discoveredCentreId(platform: string, platformId: string): string {
  const slug = platformId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${platform}-${slug || 'place'}`;
}

/** The centre a `new_centre` proposal adds, as the public will see it once accepted. */
export function centreOfProposal(proposal: Proposal): Centre {
  const d = proposal.discovered;
  const url = d.booking_url ? URL.parse(d.booking_url) : null;
  return {
    ...UNKNOWN_DETAILS,
    id: discoveredCentreId(d.platform, d.platform_id),
    name: d.name,
    address: d.address,
    commune: { insee: d.commune.insee, name: d.commune.name },
    departement: d.departement,
    location: d.location,
    booking: { url: url?.href ?? null, platform: bookingPlatformOf(url) },
    phones: d.phones,
    opening_hours: {},
    source: { kind: 'discovery', id: `${d.platform}:${d.platform_id}`, updated_at: proposal.last_seen_at },
  };
}

export function overrideOfProposal(proposal: Proposal): ProposalOverride {
  const d = proposal.discovered;
  if (proposal.kind === 'new_centre') {
    const centre = centreOfProposal(proposal);
    return {
      kind: 'add',
      key: `platform:${d.platform}:${d.platform_id}`,
      centreId: centre.id,
      fields: centre,
    };
  }
  if (!proposal.centreId || !d.booking_url)
    throw new Error(`proposal ${proposal.id} (${proposal.kind}) names no registry centre or no link`);
  const url = new URL(d.booking_url);
  return {
    kind: 'update',
    key: proposal.centreGid ?? proposal.centreId,
    centreId: proposal.centreId,
    fields: { booking: { url: url.href, platform: bookingPlatformOf(url) } },
  };
}
