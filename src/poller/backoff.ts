import type { AdapterErrorKind } from '../adapters/availability.ts';

/** Failures that may pass by themselves; the others (bad answer, not found, blocked) will not on a retry. */
const RETRYABLE: ReadonlySet<AdapterErrorKind> = new Set(['timeout', 'unreachable', 'rate_limited']);

export function isRetryable(kind: AdapterErrorKind): boolean {
  return RETRYABLE.has(kind);
}

/**
 * Delay before retry number `retry` (1 for the first): "full jitter" (AWS Architecture Blog,
 * "Exponential Backoff And Jitter"), uniform in [0, min(cap, base · 2^(retry-1))), so clients that
 * failed together do not come back together.
 */
export function backoffDelayMs(
  retry: number,
  options: { base_ms: number; cap_ms: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.cap_ms, options.base_ms * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
