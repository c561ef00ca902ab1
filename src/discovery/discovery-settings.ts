import { z } from 'zod';

/** `discovery` in creneau.config.json (docs/DISCOVERY.md, docs/CONFIGURATION.md). */
export const DiscoverySettings = z.strictObject({
  /**
   * Accept at once, without an operator, the proposals that fill the booking link or the platform id
   * of a registry centre the platform names by identifier (never a new centre, never a match by name).
   * Off by default: nothing discovered reaches the public before an operator accepts it.
   */
  auto_accept_identifier_matches: z.boolean().default(false),
  /** How often the poller's leader runs discovery, in hours; 0 never (then only `creneau discover`). */
  every_hours: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(6),
});
export type DiscoverySettings = z.infer<typeof DiscoverySettings>;
export type DiscoverySettingsInput = z.input<typeof DiscoverySettings>;
