import { copyFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { readTextIfPresent, removeStaleTemps, writeFileAtomic } from '../shared/files.ts';
import { logger as appLogger } from '../shared/logger.ts';
import { PREVIOUS_REGISTRY_FILE_NAME, REGISTRY_FILE_NAME, RegistryFile } from './registry-file.ts';

/** The stored registry exists but cannot be used: not JSON, or not a RegistryFile. */
export class RegistryFileError extends Error {
  override name = 'RegistryFileError';
}

export function registryPath(dataDir: string): string {
  return path.join(dataDir, REGISTRY_FILE_NAME);
}

export function previousRegistryPath(dataDir: string): string {
  return path.join(dataDir, PREVIOUS_REGISTRY_FILE_NAME);
}

export interface ReadRegistryOptions {
  logger?: Logger;
}

/**
 * The registry stored in `dataDir`, or null when none was imported yet. Temporaries left by writers
 * killed mid-write are removed first. When registry.json cannot be used (not JSON, not a registry),
 * the previous good registry kept beside it is served instead, with a loud warning in the log and
 * `recovered` set for `/healthz` and `/statut`; without one, the error is thrown.
 */
export async function readRegistry(
  dataDir: string,
  options: ReadRegistryOptions = {},
): Promise<RegistryFile | null> {
  const log = options.logger ?? appLogger;
  const removed = await removeStaleTemps(dataDir);
  if (removed.length > 0)
    log.info({ dir: dataDir, removed }, 'removed temporary files left by an interrupted write');
  try {
    return await readRegistryFile(registryPath(dataDir));
  } catch (error) {
    if (!(error instanceof RegistryFileError)) throw error;
    const previous = await readRegistryFile(previousRegistryPath(dataDir)).catch(() => null);
    if (!previous) throw error;
    const reason = error.message.replaceAll(`${dataDir}${path.sep}`, '');
    log.error(
      { file: registryPath(dataDir), fallback: previousRegistryPath(dataDir), reason: error.message },
      `REGISTRY UNUSABLE: ${reason}. Serving the previous good registry (${PREVIOUS_REGISTRY_FILE_NAME}, imported ${previous.imported_at}); run \`creneau import\` again`,
    );
    return { ...previous, recovered: { from: PREVIOUS_REGISTRY_FILE_NAME, reason } };
  }
}

async function readRegistryFile(file: string): Promise<RegistryFile | null> {
  const text = await readTextIfPresent(file);
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RegistryFileError(
      `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = RegistryFile.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
    throw new RegistryFileError(`${file} is not a Créneau registry (${where}); run \`creneau import\` again`);
  }
  const { recovered: _never, ...registry } = parsed.data;
  return registry;
}

/**
 * Stores a registry atomically: a crash or a failed write leaves the previous registry.json intact.
 * The registry it replaces, when usable, is kept beside it as registry.previous.json: the fallback
 * should registry.json ever become unreadable.
 */
export async function writeRegistry(dataDir: string, registry: RegistryFile): Promise<string> {
  const { recovered: _notStored, ...checked } = RegistryFile.parse(registry);
  await mkdir(dataDir, { recursive: true });
  const file = registryPath(dataDir);
  const current = await readRegistryFile(file).catch(() => null);
  if (current) {
    // Copied, not moved: until the new file is in place, registry.json stays what it was.
    const temp = `${previousRegistryPath(dataDir)}.${process.pid}.copy`;
    await copyFile(file, temp);
    await rename(temp, previousRegistryPath(dataDir));
  }
  await writeFileAtomic(file, `${JSON.stringify(checked, null, 2)}\n`);
  return file;
}
