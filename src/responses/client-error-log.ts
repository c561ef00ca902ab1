import type { Logger } from '../shared/logger.ts';

/**
 * Client errors (a bad Host, a TRACE) are a request's fault, not the server's: one warn line each,
 * without a stack, and at most `perMinute` of them a minute so a scanner cannot fill the disk;
 * the next line says how many were left out.
 */
export function createClientErrorLog(
  logger: Pick<Logger, 'warn'>,
  options: { perMinute?: number; now?: () => number } = {},
) {
  const perMinute = options.perMinute ?? 20;
  const now = options.now ?? Date.now;
  let windowStart = Number.NEGATIVE_INFINITY;
  let written = 0;
  let skipped = 0;
  return (fields: {
    status: number;
    reason: string;
    method?: string | undefined;
    path?: string | undefined;
  }) => {
    const at = now();
    if (at - windowStart >= 60_000) {
      windowStart = at;
      written = 0;
    }
    if (written >= perMinute) {
      skipped += 1;
      return;
    }
    written += 1;
    const path = fields.path && fields.path.length > 200 ? `${fields.path.slice(0, 200)}…` : fields.path;
    logger.warn({ ...fields, path, ...(skipped > 0 ? { skipped } : {}) }, 'client error');
    skipped = 0;
  };
}
