import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CentreAddress, CentreLocation } from '../registry/centre.ts';

/**
 * A centre as a platform's own public listing shows it (discovery, docs/DISCOVERY.md): what the
 * platform says, normalised to the registry's shapes, before it is matched onto the registry.
 */
export const DiscoveredCentre = z.object({
  /** The platform it was found on (`keldoc`, `doctolib`, `maiia`, `smart`). */
  platform: z.string().min(1),
  /**
   * The platform's own id of the place: Keldoc's cabinet, Doctolib's `practice-N`, Maiia's
   * `centerid`, a SMART Location's id. With `platform`, the identifier matched first.
   */
  platform_id: z.string().min(1),
  name: z.string().min(1),
  address: CentreAddress,
  commune: z.object({ insee: z.string().nullable(), name: z.string().min(1).nullable() }),
  departement: z.string().nullable(),
  location: CentreLocation.nullable(),
  /** The booking link the platform gives for the place (with its id), when it gives one. */
  booking_url: z.url({ protocol: /^https?$/ }).nullable(),
  phones: z.array(z.string().min(1)),
});
export type DiscoveredCentre = z.infer<typeof DiscoveredCentre>;

/**
 * `new_centre`: no registry centre is this place. `link`: a registry centre without a booking link is
 * this place, and the platform gives one. `platform_id`: a registry centre on this platform whose link
 * lacks the platform's id of the place (a Maiia link without `centerid=`, a Doctolib one without `pid=`).
 */
export const ProposalKind = z.enum(['new_centre', 'link', 'platform_id']);
export type ProposalKind = z.infer<typeof ProposalKind>;

export const ProposalStatus = z.enum(['pending', 'accepted', 'rejected']);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

/** How the matching rule decided (src/discovery/match.ts), for the operator to judge. */
export const MatchEvidence = z.object({
  /**
   * `identifier`: the registry centre's link names the same place on the same platform.
   * `name_address`: same normalised address and postcode, similar names.
   * `name_distance`: similar names within the distance threshold.
   * `none`: nothing in the registry matched.
   */
  rule: z.enum(['identifier', 'name_address', 'name_distance', 'none']),
  /** Metres between the two positions, when both have one. */
  distance_m: z.number().nonnegative().nullable(),
  /** Dice coefficient of the names' distinctive words (0–1). */
  name_similarity: z.number().min(0).max(1).nullable(),
  same_address: z.boolean().nullable(),
  /** The registry centres considered and why each was not taken (at most a few), for the console. */
  notes: z.array(z.string()),
});
export type MatchEvidence = z.infer<typeof MatchEvidence>;

export const Proposal = z.object({
  /** Stable: the same finding on the next run is the same proposal (a rejected one stays rejected). */
  id: z.string().regex(/^p-[0-9a-f]{16}$/),
  kind: ProposalKind,
  platform: z.string().min(1),
  /** The registry centre it is about (link, platform_id); absent for a new centre. */
  centreId: z.string().optional(),
  /** That centre's id in its source (the official list's `gid`), the override's key. */
  centreGid: z.string().nullable().optional(),
  discovered: DiscoveredCentre,
  evidence: MatchEvidence,
  status: ProposalStatus,
  /** First and last discovery run that found it. */
  first_seen_at: z.iso.datetime({ offset: true }),
  last_seen_at: z.iso.datetime({ offset: true }),
  decided_at: z.iso.datetime({ offset: true }).nullable(),
  /** The operator's name, or `auto` (discovery.auto_accept_identifier_matches). */
  decided_by: z.string().nullable(),
});
export type Proposal = z.infer<typeof Proposal>;

/** The id of a finding: its kind, platform, the platform's id of the place and the centre it is about. */
export function proposalId(
  kind: ProposalKind,
  platform: string,
  platformId: string,
  centreId: string | undefined,
): string {
  const digest = createHash('sha256')
    .update([kind, platform, platformId, centreId ?? ''].join('\u001f'))
    .digest('hex');
  return `p-${digest.slice(0, 16)}`;
}
