import { afterEach, describe, expect, it, vi } from 'vitest';
import { listenAddress } from '../../../src/server/listen-address.ts';
import { stopWithParent } from '../../../src/server/stop-with-parent.ts';

describe('listenAddress', () => {
  it('gives the address and port the kernel bound, and a URL that reaches it', () => {
    expect(listenAddress({ address: '127.0.0.1', family: 'IPv4', port: 41234 })).toEqual({
      address: '127.0.0.1:41234',
      url: 'http://127.0.0.1:41234',
    });
    expect(listenAddress({ address: '::1', family: 'IPv6', port: 4321 })).toEqual({
      address: '[::1]:4321',
      url: 'http://[::1]:4321',
    });
  });

  it('reaches a wildcard address at localhost, while saying it is the wildcard', () => {
    expect(listenAddress({ address: '0.0.0.0', family: 'IPv4', port: 4321 })).toEqual({
      address: '0.0.0.0:4321',
      url: 'http://localhost:4321',
    });
    expect(listenAddress({ address: '::', family: 'IPv6', port: 4321 }).url).toBe('http://localhost:4321');
  });
});

describe('stopWithParent', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const npm = { npm_lifecycle_event: 'start' };

  it('stops once when the process npm started us through is gone', () => {
    vi.useFakeTimers();
    let parent = 100;
    const stop = vi.fn();
    const end = stopWithParent({ env: npm, intervalMs: 500, parentPid: () => parent, stop });
    vi.advanceTimersByTime(5_000);
    expect(stop).not.toHaveBeenCalled();
    parent = 1;
    vi.advanceTimersByTime(500);
    vi.advanceTimersByTime(5_000);
    expect(stop).toHaveBeenCalledTimes(1);
    end();
  });

  it('does not watch when npm did not start us', () => {
    vi.useFakeTimers();
    let parent = 100;
    const stop = vi.fn();
    stopWithParent({ env: {}, intervalMs: 500, parentPid: () => parent, stop });
    parent = 1;
    vi.advanceTimersByTime(5_000);
    expect(stop).not.toHaveBeenCalled();
  });

  it('ends its watch on SIGTERM or SIGINT, so that the parent dying during the stop is no second signal', () => {
    const before = process.listenerCount('SIGINT') + process.listenerCount('SIGTERM');
    const end = stopWithParent({ env: npm, parentPid: () => 100, stop: vi.fn() });
    expect(process.listenerCount('SIGINT') + process.listenerCount('SIGTERM')).toBe(before + 2);
    end();
    expect(process.listenerCount('SIGINT') + process.listenerCount('SIGTERM')).toBe(before);
  });
});
