import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The file or URL to import cannot be read. */
export class SourceError extends Error {
  override name = 'SourceError';
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** How a source is recorded: a URL as given, a file as an absolute path. */
export function describeSource(source: string): string {
  return isUrl(source) ? source : path.resolve(source);
}

export interface ReadSourceOptions {
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

/** The bytes of a local file, or of an http(s) URL (redirects followed, e.g. data.gouv.fr's stable `/r/` links). */
export async function readSource(source: string, options: ReadSourceOptions = {}): Promise<Uint8Array> {
  if (!isUrl(source)) {
    try {
      return await readFile(source);
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
      throw new SourceError(`cannot read ${source} (${reason})`);
    }
  }
  const { fetch = globalThis.fetch, timeoutMs = 120_000 } = options;
  let response: Response;
  try {
    response = await fetch(source, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new SourceError(
      `cannot download ${source} (${error instanceof Error ? error.message : String(error)}${cause})`,
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SourceError(`cannot download ${source}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new SourceError(
      `download of ${source} broke off (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
