import { z } from 'zod';
import { AdapterErrorKind } from '../adapters/availability.ts';
import { MINUTE_MS } from '../shared/time.ts';

const instant = z.iso.datetime({ offset: true });

/** One provider's health, for `/statut` and `/metrics`; stored at `provider:<name>`. */
export const ProviderStats = z.object({
  provider: z.string(),
  enabled: z.boolean(),
  breaker: z.object({
    state: z.enum(['closed', 'open', 'half_open']),
    opened_at: instant.nullable(),
    probe_at: instant.nullable(),
    consecutive_failures: z.int().nonnegative(),
    reason: z.string().nullable(),
  }),
  /** Registry centres this provider's adapter polls. */
  centres: z.int().nonnegative(),
  last_success_at: instant.nullable(),
  /** HTTP requests sent in the last hour, and those that failed (network error, timeout, status ≥ 400). */
  requests_last_hour: z.int().nonnegative(),
  failed_requests_last_hour: z.int().nonnegative(),
  /** Centre polls in the last hour (after retries), those that failed, and why. */
  polls_last_hour: z.int().nonnegative(),
  failed_polls_last_hour: z.int().nonnegative(),
  errors_last_hour: z.partialRecord(AdapterErrorKind, z.int().nonnegative()),
  /** failed_polls / polls over the last hour; null without polls. */
  error_rate: z.number().min(0).max(1).nullable(),
  /** Median over the last requests (up to 200); null before the first. */
  median_latency_ms: z.number().nonnegative().nullable(),
  requests_last_minute: z.int().nonnegative(),
  /** The configured limit, per minute. */
  rate_limit_per_minute: z.number().positive(),
  /** Until when the provider asked us to wait (`Retry-After`). */
  paused_until: instant.nullable(),
  /** The status that asked for that wait (429, 503); absent in stats written before it was recorded. */
  paused_status: z.int().nullable().default(null),
  updated_at: instant,
});
export type ProviderStats = z.infer<typeof ProviderStats>;

const LATENCY_SAMPLES = 200;

interface MinuteBucket {
  minute: number;
  requests: number;
  failedRequests: number;
  polls: number;
  failedPolls: number;
  errors: Partial<Record<AdapterErrorKind, number>>;
}

/** Counts of one provider's last hour in minute buckets, so memory stays flat however busy it is. */
export function createStatsRecorder(now: () => number) {
  let buckets: MinuteBucket[] = [];
  const latencies: number[] = [];
  let lastMinute: number[] = [];
  let lastSuccessAt: number | null = null;

  function bucket(): MinuteBucket {
    const minute = Math.floor(now() / MINUTE_MS);
    const last = buckets.at(-1);
    if (last?.minute === minute) return last;
    const fresh: MinuteBucket = {
      minute,
      requests: 0,
      failedRequests: 0,
      polls: 0,
      failedPolls: 0,
      errors: {},
    };
    buckets = [...buckets.filter((b) => b.minute > minute - 60), fresh];
    return fresh;
  }

  return {
    request(ok: boolean, latencyMs: number): void {
      const b = bucket();
      b.requests++;
      if (!ok) b.failedRequests++;
      latencies.push(latencyMs);
      if (latencies.length > LATENCY_SAMPLES) latencies.shift();
      const at = now();
      lastMinute.push(at);
      if (lastMinute.length > 1000) lastMinute = lastMinute.filter((t) => t > at - MINUTE_MS);
    },
    poll(error: AdapterErrorKind | null): void {
      const b = bucket();
      b.polls++;
      if (error === null) {
        lastSuccessAt = now();
        return;
      }
      b.failedPolls++;
      b.errors[error] = (b.errors[error] ?? 0) + 1;
    },
    lastSuccessAt: () => lastSuccessAt,
    /** Seeds the last success from a record kept in the cache (a restart, a new leader). */
    noteSuccessAt(at: number): void {
      if (lastSuccessAt === null || at > lastSuccessAt) lastSuccessAt = at;
    },
    summary() {
      const at = now();
      const minute = Math.floor(at / MINUTE_MS);
      const hour = buckets.filter((b) => b.minute > minute - 60);
      const sum = (pick: (b: MinuteBucket) => number) => hour.reduce((total, b) => total + pick(b), 0);
      const errors: Partial<Record<AdapterErrorKind, number>> = {};
      for (const b of hour)
        for (const [kind, n] of Object.entries(b.errors) as Array<[AdapterErrorKind, number]>)
          errors[kind] = (errors[kind] ?? 0) + n;
      const polls = sum((b) => b.polls);
      const failedPolls = sum((b) => b.failedPolls);
      lastMinute = lastMinute.filter((t) => t > at - MINUTE_MS);
      return {
        last_success_at: lastSuccessAt === null ? null : new Date(lastSuccessAt).toISOString(),
        requests_last_hour: sum((b) => b.requests),
        failed_requests_last_hour: sum((b) => b.failedRequests),
        polls_last_hour: polls,
        failed_polls_last_hour: failedPolls,
        errors_last_hour: errors,
        error_rate: polls === 0 ? null : failedPolls / polls,
        median_latency_ms: median(latencies),
        requests_last_minute: lastMinute.length,
      };
    },
  };
}
export type StatsRecorder = ReturnType<typeof createStatsRecorder>;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
