import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryable } from '../../../src/poller/backoff.ts';

const options = { base_ms: 1000, cap_ms: 30_000 };

describe('backoffDelayMs (full jitter)', () => {
  it('draws uniformly between 0 and base · 2^(retry-1)', () => {
    expect(backoffDelayMs(1, options, () => 0)).toBe(0);
    expect(backoffDelayMs(1, options, () => 0.5)).toBe(500);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(2000);
    expect(backoffDelayMs(4, options, () => 0.999_999)).toBeLessThan(8000);
    expect(backoffDelayMs(4, options, () => 0.999_999)).toBeGreaterThan(7990);
  });

  it('never exceeds the cap however many retries', () => {
    for (const retry of [6, 10, 40]) {
      expect(backoffDelayMs(retry, options, () => 0.999_999)).toBeLessThan(30_000);
      expect(backoffDelayMs(retry, options, () => 0.5)).toBe(15_000);
    }
  });

  it('spreads clients that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(5, options)));
    expect(delays.size).toBeGreaterThan(40);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(0);
    for (const delay of delays) expect(delay).toBeLessThan(16_000);
  });
});

describe('isRetryable', () => {
  it('retries what may pass by itself and nothing else', () => {
    expect(['timeout', 'unreachable', 'rate_limited'].every((k) => isRetryable(k as never))).toBe(true);
    expect(['bad_response', 'not_found', 'blocked'].some((k) => isRetryable(k as never))).toBe(false);
  });
});
