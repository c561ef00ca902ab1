import { z } from 'zod';

/**
 * Settings of one provider (one adapter), as operators write them in `creneau.config.*` under
 * `providers.<name>` and override them with `CRENEAU_<PROVIDER>_<SETTING>` environment variables.
 * Adapters receive them validated; the poller reads rate limit and concurrency from here.
 */
export const ProviderSettings = z.strictObject({
  enabled: z.boolean().default(true),
  /** Root of the provider's API, e.g. `https://partners.doctolib.fr`; the simulator's URL by default. */
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  /** Extra request headers: partners hand out API keys. */
  headers: z.record(z.string(), z.string()).default({}),
  /** At most `requests` requests every `per_seconds` seconds to this provider. */
  rate_limit: z
    .strictObject({ requests: z.int().positive(), per_seconds: z.number().positive() })
    .default({ requests: 5, per_seconds: 1 }),
  concurrency: z.int().positive().max(64).default(2),
  /** How many days ahead availability is counted. */
  horizon_days: z.int().min(1).max(60).default(14),
  /**
   * Origins besides `base_url`'s that a feed's own URLs (a SMART manifest's `output[].url`) may point
   * at, e.g. a CDN; any other origin is refused (docs/SECURITY.md).
   */
  feed_origins: z.array(z.url({ protocol: /^https?$/ })).optional(),
  /**
   * Lets URLs a provider hands out (feed files, redirects) point at loopback, link-local or private
   * addresses on another host than `base_url`'s; off by default, set for the embedded simulator only.
   */
  allow_private_addresses: z.boolean().optional(),
  /** Per request, in milliseconds. */
  timeout_ms: z.int().positive().default(10_000),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;
export type ProviderSettingsInput = z.input<typeof ProviderSettings>;
