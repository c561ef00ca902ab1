import type { Platform } from '../platforms/define-platform.ts';
import { manifest } from '../platforms/manifest.ts';
import type { ProviderName } from './creneau-config.ts';
import type { ProviderSettingsInput } from './provider-settings.ts';

/**
 * `CRENEAU_<PROVIDER>_<SETTING>` variables, read into provider settings. Each value is parsed here so
 * a mistake is reported with the variable's name and value; ranges are left to the zod schema.
 */

export interface EnvOverrides {
  providers: Partial<Record<ProviderName, Partial<ProviderSettingsInput>>>;
  /** `doctolib.concurrency` → `CRENEAU_DOCTOLIB_CONCURRENCY`, to name the variable in errors. */
  origins: Map<string, { variable: string; value: string }>;
  problems: string[];
}

type Setting = keyof ProviderSettingsInput;
type Parser = (value: string) => { ok: true; value: unknown } | { ok: false; reason: string };

const wholeNumber: Parser = (value) =>
  /^\d+$/.test(value) ? { ok: true, value: Number(value) } : { ok: false, reason: 'must be a whole number' };

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, sec: 1, m: 60, min: 60, h: 3600 };

const PARSERS: Record<string, readonly [Setting, Parser]> = {
  BASE_URL: ['base_url', (value) => ({ ok: true, value })],
  ENABLED: [
    'enabled',
    (value) => {
      const v = value.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return { ok: true, value: true };
      if (['false', '0', 'no', 'off'].includes(v)) return { ok: true, value: false };
      return { ok: false, reason: 'must be true or false' };
    },
  ],
  CONCURRENCY: ['concurrency', wholeNumber],
  HORIZON_DAYS: ['horizon_days', wholeNumber],
  TIMEOUT_MS: ['timeout_ms', wholeNumber],
  RATE_LIMIT: [
    'rate_limit',
    (value) => {
      // `10/1s`, `10/s`, `100/1m`, `5/2` (seconds), `20/500ms`.
      const match = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)?\s*(ms|s|sec|m|min|h)?$/.exec(value);
      const unit = UNIT_SECONDS[match?.[3] ?? 's'];
      if (!match || unit === undefined)
        return { ok: false, reason: 'must read like 10/1s (requests / period: ms, s, m or h)' };
      return { ok: true, value: { requests: Number(match[1]), per_seconds: Number(match[2] ?? 1) * unit } };
    },
  ],
  HEADERS: [
    'headers',
    (value) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return { ok: false, reason: 'must be a JSON object, like {"X-Api-Key":"…"}' };
      }
      const isStringRecord =
        typeof parsed === 'object' &&
        parsed !== null &&
        !Array.isArray(parsed) &&
        Object.values(parsed).every((v) => typeof v === 'string');
      return isStringRecord
        ? { ok: true, value: parsed }
        : { ok: false, reason: 'must be a JSON object of strings' };
    },
  ],
};

/** Reads the variables of these platforms (the manifest's by default), each under its `envPrefix`. */
export function readEnvOverrides(
  env: NodeJS.ProcessEnv,
  platforms: readonly Platform[] = manifest.platforms,
): EnvOverrides {
  const out: EnvOverrides = { providers: {}, origins: new Map(), problems: [] };
  for (const [variable, raw] of Object.entries(env)) {
    const platform = platforms.find((p) => variable.startsWith(p.envPrefix));
    const name = platform ? variable.slice(platform.envPrefix.length) : '';
    if (!platform || !/^[A-Z0-9_]+$/.test(name)) continue;
    const provider = platform.configKey as ProviderName;
    const value = raw?.trim() ?? '';
    // An empty variable (as compose files leave them) means "not set".
    if (value === '') continue;
    const entry = PARSERS[name];
    if (!entry) {
      out.problems.push(
        `${variable}: unknown setting; use one of ${Object.keys(PARSERS)
          .map((s) => `${platform.envPrefix}${s}`)
          .join(', ')}`,
      );
      continue;
    }
    const [setting, parse] = entry;
    const parsed = parse(value);
    if (!parsed.ok) {
      out.problems.push(`${variable}=${quoted(value)}: ${parsed.reason}`);
      continue;
    }
    const settings = out.providers[provider] ?? {};
    Object.assign(settings, { [setting]: parsed.value });
    out.providers[provider] = settings;
    out.origins.set(`${provider}.${setting}`, { variable, value });
  }
  return out;
}

/** A value as a person would type it in a shell: `"many"`, or `'{"X-Api-Key":"…"}'` when it holds quotes. */
export function quoted(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}
