import { z } from 'zod';

/**
 * `availability` in `creneau.config.json`: how long a last good answer may still be shown once the
 * platform stops answering. Past `expire_after_s` it is `expired`: no output counts it as available.
 */
export const AvailabilitySettings = z.strictObject({
  /** One hour by default, like the public US aggregators' stale guard; 1 minute to 7 days. */
  expire_after_s: z
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(3_600),
});
export type AvailabilitySettings = z.infer<typeof AvailabilitySettings>;

export const DEFAULT_EXPIRE_AFTER_S = AvailabilitySettings.parse({}).expire_after_s;
