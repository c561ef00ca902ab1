import { createReadStream } from 'node:fs';
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
  /** Larger sources are refused as soon as they pass it (config `import.max_bytes`). */
  maxBytes?: number;
}

/**
 * Default `import.max_bytes`: 8 MiB, some twenty times the official list of January 2021 (430 kB).
 * The parse is streamed (read-csv.ts, streamCsv): a 16 MB file peaks at 249 MB for the whole import
 * (docs/IMPORT.md, "Memory").
 */
export const DEFAULT_IMPORT_MAX_BYTES = 8 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Reads chunks up to `maxBytes`, failing as soon as one more byte comes: memory stays bounded. */
async function collect(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  source: string,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes)
      throw new SourceError(
        `${source} is larger than ${megabytes(maxBytes)} (import.max_bytes); refused before reading further`,
      );
    parts.push(chunk);
  }
  return Buffer.concat(parts, size);
}

/** The bytes of a local file, or of an http(s) URL (redirects followed, e.g. data.gouv.fr's stable `/r/` links). */
export async function readSource(source: string, options: ReadSourceOptions = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
  if (!isUrl(source)) {
    try {
      return await collect(createReadStream(source), maxBytes, source);
    } catch (error) {
      if (error instanceof SourceError) throw error;
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
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  if (announced > maxBytes) {
    await response.body?.cancel();
    throw new SourceError(
      `${source} is ${megabytes(announced)}, larger than ${megabytes(maxBytes)} (import.max_bytes); not downloaded`,
    );
  }
  try {
    return response.body ? await collect(response.body, maxBytes, source) : new Uint8Array();
  } catch (error) {
    if (error instanceof SourceError) {
      await response.body?.cancel().catch(() => {});
      throw error;
    }
    throw new SourceError(
      `download of ${source} broke off (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
