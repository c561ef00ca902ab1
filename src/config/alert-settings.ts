import { z } from 'zod';

const seconds = z.number().positive();

/** A partner's webhook endpoint: where `slots.appeared` deliveries go, signed with its secret. */
export const WebhookEndpointSettings = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** HMAC key shared with the partner; may instead come from `CRENEAU_WEBHOOK_SECRET_<N>`. */
  secret: z.string().min(16).optional(),
  /** Only alerts from these départements; all when absent. */
  departements: z
    .array(z.string().regex(/^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$/, 'must be a département code'))
    .min(1)
    .optional(),
});

/** The `alerts` section of `creneau.config.json`: every key has a default, so `{}` works. */
export const AlertSettingsFile = z
  .strictObject({
    /** Slots must appear at least this many at once: a single freed slot is noise, gone before anyone acts. */
    min_slots: z.int().min(1).default(5),
    /** A centre alerts at most once in this window, however often its slots come and go. */
    dedup_window_s: seconds.default(6 * 3600),
    /** Events older than this leave the feeds. */
    retention_s: seconds.default(7 * 86_400),
    /** At most this many events are kept (newest first). */
    max_events: z.int().min(1).max(100_000).default(2000),
    /** Retries of a failed webhook delivery: full-jitter backoff, bounded. */
    delivery: z
      .strictObject({
        attempts: z.int().min(1).max(10).default(5),
        base_ms: z.int().positive().default(1000),
        cap_ms: z.int().positive().default(60_000),
        timeout_ms: z.int().positive().default(10_000),
      })
      .prefault({}),
    webhooks: z.array(WebhookEndpointSettings).default([]),
  })
  .refine((settings) => settings.retention_s >= settings.dedup_window_s, {
    message: 'must be at least dedup_window_s (de-duplication reads the kept events)',
    path: ['retention_s'],
  });
export type AlertSettingsFile = z.infer<typeof AlertSettingsFile>;

export type WebhookEndpoint = Omit<z.infer<typeof WebhookEndpointSettings>, 'secret'> & { secret: string };

/** The resolved `alerts` settings: secrets filled in from the environment, the public origin known. */
export interface AlertSettings extends Omit<AlertSettingsFile, 'webhooks'> {
  webhooks: WebhookEndpoint[];
  /** Where the site is reached from outside (`CRENEAU_PUBLIC_URL`): links in feeds and webhooks are absolute. */
  public_url: string;
}

export const DEFAULT_PUBLIC_URL = 'http://localhost:4321';

const PublicUrl = z.url({ protocol: /^https?$/ });

/** `CRENEAU_PUBLIC_URL` without a trailing slash, or the default; null when the variable is malformed. */
export function publicOrigin(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.CRENEAU_PUBLIC_URL?.trim();
  if (!raw) return DEFAULT_PUBLIC_URL;
  return PublicUrl.safeParse(raw).success ? raw.replace(/\/+$/, '') : null;
}

export function webhookSecretVariable(index: number): string {
  return `CRENEAU_WEBHOOK_SECRET_${index + 1}`;
}

/**
 * Completes the file's section from the environment: `CRENEAU_WEBHOOK_SECRET_<N>` (N counts webhooks
 * from 1) gives or replaces webhook N's secret, so secrets need not sit in a committed file.
 */
export function resolveAlertSettings(
  file: AlertSettingsFile,
  env: NodeJS.ProcessEnv,
): { settings: AlertSettings; problems: string[] } {
  const problems: string[] = [];
  const publicUrl = publicOrigin(env);
  if (publicUrl === null)
    problems.push(`CRENEAU_PUBLIC_URL="${env.CRENEAU_PUBLIC_URL}": must be an http:// or https:// URL`);
  const webhooks = file.webhooks.flatMap((webhook, index): WebhookEndpoint[] => {
    const variable = webhookSecretVariable(index);
    const secret = env[variable]?.trim() || webhook.secret;
    if (!secret) {
      problems.push(`alerts.webhooks.${index}.secret is missing: set it in the file or in ${variable}`);
      return [];
    }
    if (secret.length < 16) {
      problems.push(`${variable}: must be at least 16 characters`);
      return [];
    }
    return [{ ...webhook, secret }];
  });
  return { settings: { ...file, webhooks, public_url: publicUrl ?? DEFAULT_PUBLIC_URL }, problems };
}

/** The keys allowed where an unknown one was found under `alerts`, for the config error. */
export function alertKeysHint(where: ReadonlyArray<PropertyKey>): string {
  if (where.length === 1)
    return 'known: min_slots, dedup_window_s, retention_s, max_events, delivery, webhooks';
  if (where[1] === 'delivery') return 'known: attempts, base_ms, cap_ms, timeout_ms';
  return 'known: url, secret, departements';
}
