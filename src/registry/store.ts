import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { REGISTRY_FILE_NAME, RegistryFile } from './registry-file.ts';
import { writeFileAtomic } from './write-atomic.ts';

/** The stored registry exists but cannot be used: not JSON, or not a RegistryFile. */
export class RegistryFileError extends Error {
  override name = 'RegistryFileError';
}

export function registryPath(dataDir: string): string {
  return path.join(dataDir, REGISTRY_FILE_NAME);
}

/** The registry stored in `dataDir`, or null when none was imported yet. */
export async function readRegistry(dataDir: string): Promise<RegistryFile | null> {
  const file = registryPath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
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
  return parsed.data;
}

/** Stores a registry atomically: a crash or a failed write leaves the previous registry.json intact. */
export async function writeRegistry(dataDir: string, registry: RegistryFile): Promise<string> {
  const checked = RegistryFile.parse(registry);
  await mkdir(dataDir, { recursive: true });
  const file = registryPath(dataDir);
  await writeFileAtomic(file, `${JSON.stringify(checked, null, 2)}\n`);
  return file;
}
