import type { z } from 'zod';
import type { AdapterContext } from '../context.ts';
import { instantMs } from '../dates.ts';
import { ProviderError } from '../errors.ts';
import { bodyFailure, parseBody } from '../http.ts';
import { feedPhone, feedUrlProblem } from './feed-fields.ts';
import { cachedFetch } from './file-cache.ts';
import { ndjsonLines } from './ndjson.ts';
import { EXTENSION, extension, SmartLocation, SmartManifest, SmartSchedule, SmartSlot } from './schemas.ts';

/** A free slot, reduced to what availability needs: slot files can be large. */
export interface FeedSlot {
  scheduleId: string;
  startMs: number;
  /** Null when the feed gives no end. */
  endMs: number | null;
  capacity: number;
  deepLink: string | null;
  phone: string | null;
}

export interface Feed {
  transactionTime: string;
  locations: readonly SmartLocation[];
  schedules: readonly SmartSchedule[];
  slots: readonly FeedSlot[];
}

export function manifestUrl(ctx: AdapterContext<unknown>): string {
  return `${ctx.settings.base_url.replace(/\/$/, '')}/$bulk-publish`;
}

async function readJson<S extends z.ZodType>(
  ctx: AdapterContext<unknown>,
  response: Response,
  schema: S,
  url: string,
) {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw bodyFailure(ctx, response, error);
  }
  try {
    return parseBody(ctx, schema, JSON.parse(text), url);
  } catch (error) {
    if (error instanceof SyntaxError) throw new ProviderError('bad_response', `invalid JSON in ${url}`);
    throw error;
  }
}

/** Streams an NDJSON file line by line, validating each line and keeping what `keep` returns. */
async function readNdjson<S extends z.ZodType, T>(
  ctx: AdapterContext<unknown>,
  response: Response,
  schema: S,
  url: string,
  keep: (item: z.infer<S>) => T | null,
): Promise<T[]> {
  const kept: T[] = [];
  if (!response.body) return kept;
  let lineNumber = 0;
  try {
    for await (const line of ndjsonLines(response.body)) {
      lineNumber++;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new ProviderError('bad_response', `invalid JSON on line ${lineNumber} of ${url}`);
      }
      const item = keep(parseBody(ctx, schema, value, `${url}#L${lineNumber}`));
      if (item !== null) kept.push(item);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw bodyFailure(ctx, response, error);
  }
  return kept;
}

function slotOf(slot: SmartSlot): FeedSlot | null {
  if (slot.status !== 'free') return null;
  const capacity = extension(slot.extension, EXTENSION.slotCapacity)?.valueInteger;
  return {
    scheduleId: slot.schedule.reference.replace(/^Schedule\//, ''),
    startMs: instantMs(slot.start),
    endMs: slot.end === undefined ? null : instantMs(slot.end),
    capacity: capacity ?? 1,
    deepLink: extension(slot.extension, EXTENSION.bookingDeepLink)?.valueUrl ?? null,
    phone: feedPhone(extension(slot.extension, EXTENSION.bookingPhone)?.valueString),
  };
}

const derived = new WeakMap<AdapterContext<unknown>, { parts: unknown[]; feed: Feed }>();

/** A manifest's file URL, resolved against the manifest's; refused when the feed may not send us there. */
function fileUrl(ctx: AdapterContext<unknown>, written: string, manifestUrl: string): string {
  const url = URL.parse(written, manifestUrl);
  const problem = url ? feedUrlProblem(ctx, url) : 'not a URL';
  if (problem) {
    ctx.logger.warn({ url: manifestUrl, file: written, why: problem }, 'feed file URL refused');
    throw new ProviderError('bad_response', `manifest file ${written} refused: ${problem}`);
  }
  return (url as URL).href;
}

/** The whole feed, each file fetched through the per-URL cache; rebuilt only when a file changed. */
export async function loadFeed(ctx: AdapterContext<unknown>): Promise<Feed> {
  const url = manifestUrl(ctx);
  const manifest = await cachedFetch(ctx, url, (response) => readJson(ctx, response, SmartManifest, url));
  const files = manifest.output.map((file) => ({ type: file.type, url: fileUrl(ctx, file.url, url) }));
  const parts = await Promise.all(
    files.map((file) => {
      if (file.type === 'Location') {
        return cachedFetch(ctx, file.url, (r) => readNdjson(ctx, r, SmartLocation, file.url, (l) => l));
      }
      if (file.type === 'Schedule') {
        return cachedFetch(ctx, file.url, (r) => readNdjson(ctx, r, SmartSchedule, file.url, (s) => s));
      }
      if (file.type === 'Slot')
        return cachedFetch(ctx, file.url, (r) => readNdjson(ctx, r, SmartSlot, file.url, slotOf));
      return Promise.resolve([]);
    }),
  );
  const previous = derived.get(ctx);
  const all = [manifest, ...parts];
  if (
    previous &&
    previous.parts.length === all.length &&
    previous.parts.every((part, i) => part === all[i])
  ) {
    return previous.feed;
  }
  const pick = <T>(type: string) => parts.filter((_, i) => files[i]?.type === type).flat() as T[];
  const feed: Feed = {
    transactionTime: manifest.transactionTime,
    locations: pick<SmartLocation>('Location'),
    schedules: pick<SmartSchedule>('Schedule'),
    slots: pick<FeedSlot>('Slot'),
  };
  derived.set(ctx, { parts: all, feed });
  return feed;
}
