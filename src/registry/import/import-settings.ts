import { z } from 'zod';
import { DEFAULT_IMPORT_MAX_BYTES } from './read-source.ts';

/**
 * The `import` section of `creneau.config.json`. `max_bytes`: a larger file or download is refused
 * as soon as it passes the limit (default 8 MiB, well above the official list); the variable
 * `CRENEAU_IMPORT_MAX_BYTES` overrides it.
 */
export const ImportSettings = z.strictObject({
  max_bytes: z.int().positive().default(DEFAULT_IMPORT_MAX_BYTES),
});
export type ImportSettings = z.infer<typeof ImportSettings>;

export function resolveImportSettings(
  file: ImportSettings | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { settings: ImportSettings; problems: string[] } {
  const settings = file ?? ImportSettings.parse({});
  const raw = env.CRENEAU_IMPORT_MAX_BYTES?.trim();
  if (!raw) return { settings, problems: [] };
  const bytes = Number(raw);
  if (!Number.isInteger(bytes) || bytes <= 0)
    return { settings, problems: [`CRENEAU_IMPORT_MAX_BYTES="${raw}": must be a whole number of bytes`] };
  return { settings: { ...settings, max_bytes: bytes }, problems: [] };
}
