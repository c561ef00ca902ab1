import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created = new Set<string>();

/**
 * A fresh folder in the OS temporary directory, removed when the test file ends
 * (tests/support/temp-dir-cleanup.ts, a vitest setup file) or, outside vitest (scripts, benches),
 * when the process exits.
 */
export function tempDir(prefix = 'creneau-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.add(dir);
  return dir;
}

/** Removes every folder `tempDir` made; run after the servers using them have stopped. */
export function removeTempDirs(): void {
  for (const dir of created) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  created.clear();
}

process.once('exit', removeTempDirs);
