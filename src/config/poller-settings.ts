import { z } from 'zod';

const seconds = z.number().positive();

/**
 * The `poller` section of `creneau.config.json`: how often centres are polled and how failures are handled.
 * Every key has a default, so `{}` is a working configuration.
 */
export const PollerSettings = z.strictObject({
  /** Seconds between two polls of one centre, by what it last showed. */
  intervals: z
    .strictObject({
      /** Centres with slots, or whose shown availability changed in the last `recent_change_s`. */
      active_s: seconds.default(120),
      /** Centres showing no slot. */
      quiet_s: seconds.default(600),
      /** Centres with nothing for `dormant_after_s`. */
      dormant_s: seconds.default(3600),
      /** Centres that need no request (phone only, no online booking): evaluated once, then rarely. */
      offline_s: seconds.default(86_400),
      recent_change_s: seconds.default(1800),
      dormant_after_s: seconds.default(3 * 86_400),
    })
    .prefault({}),
  /** First polls are spread over this many seconds (or the centre's interval, if shorter) so a start does not burst. */
  initial_spread_s: z.number().min(0).default(60),
  /** Retries of one poll on a retryable error (timeout, unreachable, rate_limited), with full-jitter backoff. */
  retry: z
    .strictObject({
      attempts: z.int().min(1).max(10).default(3),
      base_ms: z.int().positive().default(1000),
      cap_ms: z.int().positive().default(30_000),
    })
    .prefault({}),
  /** A provider's circuit breaker. */
  breaker: z
    .strictObject({
      /** Opens after this many failed requests in a row… */
      consecutive_failures: z.int().positive().default(5),
      /** …or when at least `min_requests` polls in `window_s` failed at `error_rate` or more. */
      error_rate: z.number().gt(0).max(1).default(0.5),
      min_requests: z.int().positive().default(20),
      window_s: seconds.default(60),
      /** How long it stays open before one probe is let through. */
      cool_down_s: seconds.default(30),
    })
    .prefault({}),
  /** Longest pause honoured for a provider's `Retry-After`. */
  max_retry_after_s: seconds.default(600),
  /** Records are written to the cache in batches, at most this often. */
  write_every_ms: z.int().positive().default(1000),
  /** With a shared cache (Redis), one instance polls: it holds this lease and renews it every third of it. */
  lease_ttl_s: seconds.default(15),
});
export type PollerSettings = z.infer<typeof PollerSettings>;
export type PollerSettingsInput = z.input<typeof PollerSettings>;
