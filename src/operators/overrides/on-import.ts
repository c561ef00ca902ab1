import type { Centre } from '../../registry/centre.ts';
import { applyOverrides } from './apply.ts';
import { OverridesFileError, readOverridesFile } from './override-store.ts';

/**
 * For the import report: which of the data directory's overrides apply to the centres just imported,
 * and which lost their centre (its row is gone from the file). An unusable overrides file is said on
 * stderr and left as it is (the import goes on; the server refuses nothing, it serves without them).
 */
export async function overridesOnImport(
  dataDir: string,
  centres: readonly Centre[],
  warn: (message: string) => void = (message) => process.stderr.write(`creneau import: ${message}\n`),
): Promise<{ applied: string[]; orphaned: string[] }> {
  try {
    const { overrides } = await readOverridesFile(dataDir);
    const { applied, orphaned } = applyOverrides(centres, overrides);
    return { applied: applied.sort(), orphaned: orphaned.sort() };
  } catch (error) {
    if (!(error instanceof OverridesFileError)) throw error;
    warn(`${error.message}; overrides not checked against this import`);
    return { applied: [], orphaned: [] };
  }
}

/**
 * The centres the poller polls at start: the registry with the data directory's overrides applied
 * (a discovered centre accepted is polled, a hidden one is not). An unusable overrides file leaves
 * the registry as imported (the console says so when it is opened).
 */
export async function centresWithOverrides(dataDir: string, centres: readonly Centre[]): Promise<Centre[]> {
  try {
    return applyOverrides(centres, (await readOverridesFile(dataDir)).overrides).centres;
  } catch (error) {
    if (!(error instanceof OverridesFileError)) throw error;
    return [...centres];
  }
}
