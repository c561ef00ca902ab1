import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { AvailabilitySettings } from '../availability/knowledge-settings.ts';
import { resolveBookingSettings } from '../booking/booking-settings.ts';
import { DiscoverySettings } from '../discovery/discovery-settings.ts';
import { PairsSettings } from '../pairs/pairs-settings.ts';
import { resolveImportSettings } from '../registry/import/import-settings.ts';
import { resolveStatsSettings, StatsSettings } from '../stats/stats-settings.ts';
import { AlertSettingsFile, alertKeysHint, resolveAlertSettings } from './alert-settings.ts';
import { type CreneauConfig, CreneauConfigFile, PROVIDER_NAMES } from './creneau-config.ts';
import { type EnvOverrides, quoted, readEnvOverrides } from './env-overrides.ts';
import { resolveHelpline } from './helpline.ts';
import { PollerSettings } from './poller-settings.ts';
import { ProviderSettings } from './provider-settings.ts';

export const CONFIG_FILE_NAME = 'creneau.config.json';

/** A configuration Créneau refuses to start with; `problems` has one line per mistake. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface LoadConfigOptions {
  /** The config file; default `CRENEAU_CONFIG`, else `creneau.config.json` in `cwd`. */
  path?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Reads `creneau.config.json` (absent is fine: defaults), applies `CRENEAU_<PROVIDER>_*` variables over
 * it, and validates the result strictly. Throws a ConfigError naming each bad key or variable.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<CreneauConfig> {
  const env = options.env ?? process.env;
  const explicit = options.path ?? (env.CRENEAU_CONFIG?.trim() || undefined);
  const file = path.resolve(options.cwd ?? process.cwd(), explicit ?? CONFIG_FILE_NAME);
  const problems: string[] = [];

  let raw: unknown = {};
  let source: string | null = null;
  try {
    const text = await readFile(file, 'utf8');
    source = file;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      problems.push(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    // Without a file, defaults apply; but a file asked for by name must exist.
    if (!missing || explicit) {
      const why = missing ? 'no such file' : (error as Error).message;
      problems.push(
        `cannot read the config file ${file} (${why})${options.path ? '' : ' named by CRENEAU_CONFIG'}`,
      );
    }
  }

  const parsedFile = CreneauConfigFile.safeParse(raw);
  if (!parsedFile.success)
    problems.push(...parsedFile.error.issues.map((issue) => describeFileIssue(issue, file)));
  const overrides = readEnvOverrides(env);
  problems.push(...overrides.problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const providers = {} as CreneauConfig['providers'];
  for (const name of PROVIDER_NAMES) {
    const fromFile = parsedFile.data?.providers[name];
    const fromEnv = overrides.providers[name] ?? {};
    const merged = {
      ...fromFile,
      ...fromEnv,
      // Headers add up: a variable can add an API key to headers the file already sets.
      headers: { ...fromFile?.headers, ...fromEnv.headers },
    };
    const result = ProviderSettings.safeParse(merged);
    if (result.success) providers[name] = result.data;
    else
      problems.push(...result.error.issues.map((issue) => describeMergedIssue(issue, name, file, overrides)));
  }
  const alerts = resolveAlertSettings(parsedFile.data?.alerts ?? AlertSettingsFile.parse({}), env);
  problems.push(...alerts.problems);
  const stats = resolveStatsSettings(parsedFile.data?.stats, env);
  if (!stats.ok) problems.push(...stats.problems);
  const booking = resolveBookingSettings(parsedFile.data?.booking, env);
  problems.push(...booking.problems);
  const importSettings = resolveImportSettings(parsedFile.data?.import, env);
  problems.push(...importSettings.problems);
  problems.push(...resolveHelpline(env).problems);
  if (problems.length > 0 || !stats.ok) throw new ConfigError(problems);
  return {
    providers,
    poller: parsedFile.data?.poller ?? PollerSettings.parse({}),
    alerts: alerts.settings,
    stats: stats.settings,
    booking: booking.settings,
    import: importSettings.settings,
    discovery: parsedFile.data?.discovery ?? DiscoverySettings.parse({}),
    availability: parsedFile.data?.availability ?? AvailabilitySettings.parse({}),
    pairs: parsedFile.data?.pairs ?? PairsSettings.parse({}),
    operators: parsedFile.data?.operators ?? [],
    source,
  };
}

function describeFileIssue(issue: z.core.$ZodIssue, file: string): string {
  const key = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = key ? `in ${key} ` : '';
    return `${path.basename(file)}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} ${where}(${knownKeysHint(issue.path)})`;
  }
  return `${path.basename(file)}: ${key || '(top level)'} ${humanMessage(issue)}`;
}

function describeMergedIssue(
  issue: z.core.$ZodIssue,
  provider: string,
  file: string,
  overrides: EnvOverrides,
): string {
  const setting = String(issue.path[0] ?? '');
  const origin = overrides.origins.get(`${provider}.${setting}`);
  if (origin) return `${origin.variable}=${quoted(origin.value)}: ${humanMessage(issue)}`;
  return `${path.basename(file)}: providers.${provider}.${issue.path.map(String).join('.')} ${humanMessage(issue)}`;
}

function knownKeysHint(where: ReadonlyArray<PropertyKey>): string {
  if (where.length === 0)
    return 'known: providers, poller, alerts, stats, booking, availability, import, pairs, discovery, operators';
  if (where[0] === 'import') return 'known settings: max_bytes';
  if (where[0] === 'discovery') return 'known settings: every_hours, auto_accept_identifier_matches';
  if (where[0] === 'pairs')
    return 'known settings: second_dose_intervals ({ "<vaccine>": { days, max_days } })';
  if (where[0] === 'operators') return 'known settings: name, password_hash';
  if (where[0] === 'booking') return 'known settings: allowed_hosts';
  if (where[0] === 'alerts') return alertKeysHint(where);
  if (where[0] === 'availability')
    return `known settings: ${Object.keys(AvailabilitySettings.shape).join(', ')}`;
  if (where[0] === 'stats') return `known settings: ${Object.keys(StatsSettings.shape).join(', ')}`;
  if (where.length === 1) return `known providers: ${PROVIDER_NAMES.join(', ')}`;
  if (where.length === 3 && where[2] === 'rate_limit') return 'known: requests, per_seconds';
  return `known settings: ${Object.keys(ProviderSettings.shape).join(', ')}`;
}

/** zod's issues, said the way an operator reads them. */
function humanMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
    case 'too_small':
      return issue.inclusive === false
        ? `must be greater than ${String(issue.minimum)}`
        : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'url'
        ? 'must be an http:// or https:// URL'
        : `must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message;
  }
}
