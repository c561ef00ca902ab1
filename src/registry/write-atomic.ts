import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces `file` with `data` so that a reader sees the old content or the new one, never a mix:
 * temp file in the same directory (same file system, so rename is atomic), fsync, rename, fsync the directory.
 */
export async function writeFileAtomic(
  file: string,
  /** Chunks are written as they come, so a large file need not be one string in memory. */
  data: string | Uint8Array | Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable; some platforms (Windows) cannot open a directory, which is fine there. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort only: the data itself was already synced before the rename.
  } finally {
    await handle?.close();
  }
}
