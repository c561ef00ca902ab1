import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const IMPORT_LOCK_FILE_NAME = 'import.lock';

const LockFile = z.object({ pid: z.int().positive(), started_at: z.string() });

/** Another import holds the data directory: the second one fails clearly instead of racing it. */
export class ImportLockedError extends Error {
  override name = 'ImportLockedError';
}

export interface ImportLock {
  release(): Promise<void>;
}

/**
 * Takes `<data dir>/import.lock` for one import: created exclusively, holding the pid and the start.
 * A lock whose process is gone (killed import) is taken over; a live one makes this import fail with
 * an ImportLockedError naming it, so two imports never both report success with the last writer winning.
 */
export async function acquireImportLock(dataDir: string, now = new Date()): Promise<ImportLock> {
  const file = path.join(dataDir, IMPORT_LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o644);
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, started_at: now.toISOString() }));
      } finally {
        await handle.close();
      }
      return {
        async release() {
          const holder = await readHolder(file);
          if (holder?.pid === process.pid) await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(file);
    if (holder && isAlive(holder.pid))
      throw new ImportLockedError(
        `another import is running (pid ${holder.pid}, started ${holder.started_at}); try again when it has finished`,
      );
    // Its process is gone (or it never got to write its pid): a killed import's lock.
    await rm(file, { force: true });
  }
  throw new ImportLockedError(`could not take ${file}: another import keeps taking it`);
}

async function readHolder(file: string): Promise<z.infer<typeof LockFile> | null> {
  try {
    const parsed = LockFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
