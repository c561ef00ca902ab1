import { z } from 'zod';
import { Centre } from './centre.ts';

/** What `creneau import` writes to `<data dir>/registry.json`, and the server reads at start. */
export const RegistryFile = z.object({
  format: z.literal('creneau-registry'),
  version: z.literal(1),
  kind: z.enum(['official', 'demo']),
  /** Where the centres came from: the imported file's path or URL, or `demo`. */
  source: z.string(),
  imported_at: z.iso.datetime({ offset: true }),
  centres: z.array(Centre),
  /**
   * Set when read, never written: registry.json could not be used and this is the previous good
   * registry kept beside it (store.ts). `/healthz` and `/statut` say so.
   */
  recovered: z.object({ from: z.string(), reason: z.string() }).optional(),
});
export type RegistryFile = z.infer<typeof RegistryFile>;

export const REGISTRY_FILE_NAME = 'registry.json';
/** The registry that registry.json replaced at the last import, kept as the fallback. */
export const PREVIOUS_REGISTRY_FILE_NAME = 'registry.previous.json';
