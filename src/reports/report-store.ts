import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { CacheDriver } from '../cache/cache.ts';
import { createRateLimiter, type RateLimiter } from '../shared/rate-limit.ts';
import { fileKv } from './file-kv.ts';

/** What a resident can report (the form's choices; `other` wants a message). */
export const REPORT_REASONS = [
  'closed',
  'wrong_phone',
  'wrong_address',
  'broken_link',
  'no_slots',
  'other',
] as const;
export const ReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof ReportReason>;

/** The longest free text, in characters (after control characters are dropped). */
export const MAX_MESSAGE_LENGTH = 500;
/** Distinct messages kept per folded report; later ones only add to the count. */
export const MAX_MESSAGES = 20;
/** Resolved reports are kept this long for the console's history, then forgotten. */
export const RESOLVED_RETENTION_S = 90 * 24 * 3600;

/** Reports for one centre and one reason, folded together while open. No personal data: no address, no account. */
export interface Report {
  id: string;
  centreId: string;
  reason: ReportReason;
  /** How many times it was reported while open. */
  count: number;
  /** The distinct free texts sent, oldest first (at most `MAX_MESSAGES`), as sent: show them as text. */
  messages: string[];
  /** ISO 8601 UTC instants. */
  firstAt: string;
  lastAt: string;
  status: 'open' | 'resolved';
  resolvedBy?: string;
  resolvedAt?: string;
}

const StoredReport = z.object({
  id: z.string(),
  centreId: z.string(),
  reason: ReportReason,
  count: z.number().int().positive(),
  messages: z.array(z.string()),
  firstAt: z.string(),
  lastAt: z.string(),
  status: z.enum(['open', 'resolved']),
  resolvedBy: z.string().optional(),
  resolvedAt: z.string().optional(),
});

/** What the store keeps reports in: the cache driver when it is shared (Redis), else a file. */
export type ReportKv = Pick<CacheDriver, 'get' | 'getMany' | 'set' | 'delete' | 'keys'>;

export interface ReportStore {
  /** Adds a report, folded into the open one for the same centre and reason if there is one. */
  submit(input: { centreId: string; reason: ReportReason; message?: string }): Promise<Report>;
  /** Newest first; open ones by default. */
  listReports(options?: { status?: 'open' | 'resolved' | 'all' }): Promise<Report[]>;
  getReport(id: string): Promise<Report | null>;
  /** Marks a report resolved by an operator; null when there is no open report with this id. */
  resolveReport(id: string, by: string): Promise<Report | null>;
}

export interface ReportStoreOptions {
  /** The app's cache driver: used when `shared` (several instances see the same reports). */
  cache?: (ReportKv & { shared: boolean }) | undefined;
  /** The data directory (`CRENEAU_DATA_DIR`): `reports.json` when the cache is not shared. */
  dataDir?: string | undefined;
  now?: (() => Date) | undefined;
}

const OPEN = 'reports:open:';
const DONE = 'reports:done:';

/** Control characters (but tab and newline) become spaces, line ends `\n`; trimmed. */
export function cleanMessage(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
      .trim()
  );
}

export function createReportStore(options: ReportStoreOptions = {}): ReportStore {
  const now = options.now ?? (() => new Date());
  const kv: ReportKv =
    options.cache?.shared === true
      ? options.cache
      : fileKv(options.dataDir ? path.join(options.dataDir, 'reports.json') : null, () => now().getTime());
  // One change at a time in this process: a fold reads then writes.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };
  const openKey = (centreId: string, reason: ReportReason) =>
    `${OPEN}${createHash('sha256').update(`${centreId}\u0000${reason}`).digest('base64url').slice(0, 32)}`;
  const read = (value: unknown): Report | null => {
    const parsed = StoredReport.safeParse(value);
    return parsed.success ? (parsed.data as Report) : null;
  };
  async function all(prefix: string): Promise<Array<[string, Report]>> {
    const keys = await kv.keys(prefix);
    const values = await kv.getMany(keys);
    return keys.flatMap((key, i) => {
      const report = read(values[i]);
      return report ? [[key, report] as [string, Report]] : [];
    });
  }

  return {
    submit: (input) =>
      serial(async () => {
        const at = now().toISOString();
        const key = openKey(input.centreId, input.reason);
        const message = input.message ? cleanMessage(input.message).slice(0, MAX_MESSAGE_LENGTH) : '';
        const current = read(await kv.get(key));
        const report: Report = current
          ? {
              ...current,
              count: current.count + 1,
              lastAt: at,
              messages:
                message && !current.messages.includes(message) && current.messages.length < MAX_MESSAGES
                  ? [...current.messages, message]
                  : current.messages,
            }
          : {
              id: randomBytes(9).toString('base64url'),
              centreId: input.centreId,
              reason: input.reason,
              count: 1,
              messages: message ? [message] : [],
              firstAt: at,
              lastAt: at,
              status: 'open',
            };
        await kv.set(key, report);
        return report;
      }),
    async listReports(listOptions = {}) {
      const status = listOptions.status ?? 'open';
      const found = [
        ...(status === 'resolved' ? [] : await all(OPEN)),
        ...(status === 'open' ? [] : await all(DONE)),
      ].map(([, report]) => report);
      return found.sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
    },
    async getReport(id) {
      const done = read(await kv.get(`${DONE}${id}`));
      if (done) return done;
      return (await all(OPEN)).find(([, report]) => report.id === id)?.[1] ?? null;
    },
    resolveReport: (id, by) =>
      serial(async () => {
        const found = (await all(OPEN)).find(([, report]) => report.id === id);
        if (!found) return null;
        const [key, report] = found;
        const resolved: Report = {
          ...report,
          status: 'resolved',
          resolvedBy: by,
          resolvedAt: now().toISOString(),
        };
        await kv.set(`${DONE}${id}`, resolved, { ttlSeconds: RESOLVED_RETENTION_S });
        await kv.delete(key);
        return resolved;
      }),
  };
}

/** Reports per client address: 5 per 10 minutes, counted in Redis when the cache is Redis. */
export const REPORT_LIMIT = { limit: 5, windowS: 600 } as const;

export function createReportLimiter(
  cache?: { increment?: CacheDriver['increment'] | undefined } | null,
  now?: () => number,
): RateLimiter {
  return createRateLimiter({ cache, prefix: 'report', now, ...REPORT_LIMIT });
}
