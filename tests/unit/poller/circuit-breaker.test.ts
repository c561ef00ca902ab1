import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../../src/poller/circuit-breaker.ts';

const options = { consecutive_failures: 3, error_rate: 0.5, min_requests: 6, window_s: 60, cool_down_s: 30 };

function breakerAt(start = 0) {
  let now = start;
  const changes: string[] = [];
  const breaker = createCircuitBreaker(
    options,
    () => now,
    (from, to) => changes.push(`${from}->${to}`),
  );
  return { breaker, changes, advance: (ms: number) => (now += ms) };
}

describe('circuit breaker', () => {
  it('opens after N consecutive failures and refuses calls while open', () => {
    const { breaker, changes } = breakerAt();
    breaker.failure();
    breaker.failure();
    expect(breaker.state()).toBe('closed');
    breaker.failure();
    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(changes).toEqual(['closed->open']);
    expect(breaker.snapshot().reason).toBe('3 consecutive failures');
  });

  it('a success resets the consecutive count', () => {
    const { breaker } = breakerAt();
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    expect(breaker.state()).toBe('closed');
  });

  it('opens when the error rate over the window reaches the threshold', () => {
    const { breaker } = breakerAt();
    for (let i = 0; i < 3; i++) {
      breaker.success();
      breaker.failure();
    }
    expect(breaker.state()).toBe('open');
    expect(breaker.snapshot().reason).toBe('3/6 failed in 60 s');
  });

  it('forgets outcomes older than the window', () => {
    const { breaker, advance } = breakerAt();
    for (let i = 0; i < 2; i++) {
      breaker.success();
      breaker.failure();
    }
    advance(61_000);
    breaker.success();
    breaker.failure();
    breaker.success();
    breaker.success();
    breaker.failure();
    expect(breaker.state()).toBe('closed');
  });

  it('turns half-open after the cool-down and lets exactly one probe through', () => {
    const { breaker, advance } = breakerAt();
    for (let i = 0; i < 3; i++) breaker.failure();
    expect(breaker.retryAt()).toBe(30_000);
    advance(29_999);
    expect(breaker.state()).toBe('open');
    advance(1);
    expect(breaker.state()).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const { breaker, advance, changes } = breakerAt();
    for (let i = 0; i < 3; i++) breaker.failure();
    advance(30_000);
    breaker.tryAcquire();
    breaker.success();
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(changes).toEqual(['closed->open', 'half_open->closed']);
  });

  it('reopens for another cool-down when the probe fails', () => {
    const { breaker, advance } = breakerAt();
    for (let i = 0; i < 3; i++) breaker.failure();
    advance(30_000);
    breaker.tryAcquire();
    breaker.failure();
    expect(breaker.state()).toBe('open');
    expect(breaker.retryAt()).toBe(60_000);
    expect(breaker.snapshot().reason).toBe('the probe failed');
  });

  it('lets another probe try when one ends without a verdict', () => {
    const { breaker, advance } = breakerAt();
    for (let i = 0; i < 3; i++) breaker.failure();
    advance(30_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('ignores late answers to calls made before it opened', () => {
    const { breaker } = breakerAt();
    for (let i = 0; i < 3; i++) breaker.failure();
    breaker.success();
    expect(breaker.state()).toBe('open');
  });

  it('shows its state with when it opened and when it probes', () => {
    const { breaker } = breakerAt(Date.parse('2021-04-20T08:00:00Z'));
    for (let i = 0; i < 3; i++) breaker.failure();
    expect(breaker.snapshot()).toEqual({
      state: 'open',
      opened_at: '2021-04-20T08:00:00.000Z',
      probe_at: '2021-04-20T08:00:30.000Z',
      consecutive_failures: 3,
      reason: '3 consecutive failures',
    });
  });
});
