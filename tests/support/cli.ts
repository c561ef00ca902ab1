import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'bin/creneau.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `npx creneau …` for real, in a child process run from `dataDir` with it as its data directory,
 * and none of the caller's CRENEAU_ variables (so no config file or provider setting leaks in).
 */
export function runCreneau(
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<CliRun> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('CRENEAU_')),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      // The import's JSON report of the real January list is a few megabytes.
      { cwd: dataDir, env: { ...clean, CRENEAU_DATA_DIR: dataDir, ...env }, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
