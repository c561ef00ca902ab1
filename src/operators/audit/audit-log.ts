import { randomBytes } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CacheDriver } from '../../cache/cache.ts';
import { csvDocument } from '../../shared/csv.ts';
import { readTextIfPresent } from '../../shared/files.ts';

export const AUDIT_FILE_NAME = 'operator-audit.jsonl';
/** Under a shared cache (Redis), each entry is also one key here, so every instance shows the same log. */
export const AUDIT_CACHE_PREFIX = 'operators:audit:';

/** One operator action: who, when, on what, the state before and after. Never changed once written. */
export const AuditEntry = z.object({
  id: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  by: z.string().min(1),
  /** `accept`, `reject`, `edit`, `close`, `reopen`, `merge`, `split`, `hide`, `unhide`, `resolve`, `import`… */
  action: z.string().min(1),
  /** The override key (gid or `platform:…`), a proposal's or a report's id. */
  target: z.string().min(1),
  before: z.unknown(),
  after: z.unknown(),
  note: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export type AuditInput = Omit<AuditEntry, 'id' | 'at'>;

export interface AuditLog {
  append(entry: AuditInput): Promise<AuditEntry>;
  /** Every entry, newest first. */
  list(): Promise<AuditEntry[]>;
}

export interface AuditLogOptions {
  dataDir: string;
  cache?: Pick<CacheDriver, 'shared' | 'set' | 'keys' | 'getMany'> | undefined;
  now?: () => Date;
}

/**
 * The append-only audit log: one JSON line per action in `<data dir>/operator-audit.jsonl` (opened in
 * append mode, one write per line), and under a shared cache one key per entry. Nothing edits or
 * removes an entry.
 */
export function createAuditLog(options: AuditLogOptions): AuditLog {
  const now = options.now ?? (() => new Date());
  const shared = options.cache?.shared ? options.cache : null;
  const file = path.join(options.dataDir, AUDIT_FILE_NAME);

  async function fromFile(): Promise<AuditEntry[]> {
    const text = await readTextIfPresent(file);
    if (text === null) return [];
    return text.split('\n').flatMap((line) => {
      if (!line.trim()) return [];
      try {
        const parsed = AuditEntry.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        // A line cut by a crash mid-write: the others stand.
        return [];
      }
    });
  }

  return {
    async append(input) {
      const at = now();
      // Sortable: the instant first, then randomness against two actions in one millisecond.
      const id = `${at.getTime().toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}`;
      const entry = AuditEntry.parse({ ...input, id, at: at.toISOString() });
      await mkdir(options.dataDir, { recursive: true });
      await appendFile(file, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', flag: 'a' });
      if (shared) await shared.set(`${AUDIT_CACHE_PREFIX}${id}`, entry);
      return entry;
    },
    async list() {
      const entries = new Map<string, AuditEntry>();
      for (const entry of await fromFile()) entries.set(entry.id, entry);
      if (shared) {
        const keys = await shared.keys(AUDIT_CACHE_PREFIX);
        const values = await shared.getMany(keys);
        for (const value of values) {
          const parsed = AuditEntry.safeParse(value);
          if (parsed.success) entries.set(parsed.data.id, parsed.data);
        }
      }
      return [...entries.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    },
  };
}

/** A value of the log as one line of text (JSON), for the console and the CSV. */
export function auditValueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The log as CSV (the one writer, formula-guarded): for the download. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  return csvDocument(
    ['id', 'at', 'by', 'action', 'target', 'before', 'after', 'note'],
    entries.map((entry) => [
      entry.id,
      entry.at,
      entry.by,
      entry.action,
      entry.target,
      auditValueText(entry.before),
      auditValueText(entry.after),
      entry.note ?? null,
    ]),
  );
}
