import { z } from 'zod';

/**
 * The `stats` settings: how often the statistics sampler records figures and how long they are kept.
 * Every key has a default, so `{}` is a working configuration.
 */
export const StatsSettings = z.strictObject({
  /** Record statistics at all (only the polling leader ever does). */
  enabled: z.boolean().default(true),
  /** Minutes between two samples; samples fall on multiples of it (…:00, …:10, …:20 for 10). */
  interval_min: z.int().min(1).max(1440).default(10),
  /** Samples older than this many days are deleted. */
  retention_days: z.int().min(1).max(3660).default(90),
  /** Samples older than this are thinned to one per hour, which bounds the files (see docs/CONFIGURATION.md). */
  full_resolution_days: z.int().min(1).max(3660).default(7),
});
export type StatsSettings = z.infer<typeof StatsSettings>;
export type StatsSettingsInput = z.input<typeof StatsSettings>;

const ENV_SETTINGS = {
  CRENEAU_STATS_ENABLED: 'enabled',
  CRENEAU_STATS_INTERVAL_MIN: 'interval_min',
  CRENEAU_STATS_RETENTION_DAYS: 'retention_days',
  CRENEAU_STATS_FULL_RESOLUTION_DAYS: 'full_resolution_days',
} as const satisfies Record<string, keyof StatsSettings>;

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

export type StatsSettingsResult = { ok: true; settings: StatsSettings } | { ok: false; problems: string[] };

/**
 * The settings from a config file's `stats` section (already parsed or raw) with `CRENEAU_STATS_*`
 * variables applied over it. Problems name the variable or the key, one line each.
 */
export function resolveStatsSettings(
  fromFile: unknown = {},
  env: NodeJS.ProcessEnv = process.env,
): StatsSettingsResult {
  const problems: string[] = [];
  const fromEnv: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  for (const [variable, setting] of Object.entries(ENV_SETTINGS)) {
    const value = env[variable]?.trim() ?? '';
    // An empty variable (as compose files leave them) means "not set".
    if (value === '') continue;
    origin.set(setting, `${variable}="${value}"`);
    if (setting === 'enabled') {
      const word = value.toLowerCase();
      if (TRUE.includes(word)) fromEnv[setting] = true;
      else if (FALSE.includes(word)) fromEnv[setting] = false;
      else problems.push(`${variable}="${value}": must be true or false`);
    } else if (/^\d+$/.test(value)) fromEnv[setting] = Number(value);
    else problems.push(`${variable}="${value}": must be a whole number`);
  }
  if (problems.length > 0) return { ok: false, problems };

  const base = typeof fromFile === 'object' && fromFile !== null ? fromFile : {};
  const parsed = StatsSettings.safeParse({ ...base, ...fromEnv });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const key = issue.path.map(String).join('.');
        return `${origin.get(key) ?? `stats.${key}`}: ${issue.message}`;
      }),
    };
  }
  if (parsed.data.full_resolution_days > parsed.data.retention_days)
    parsed.data.full_resolution_days = parsed.data.retention_days;
  return { ok: true, settings: parsed.data };
}
