import { describe, expect, it } from 'vitest';
import { PollerSettings } from '../../../src/config/poller-settings.ts';
import { initialDelayMs, intervalClass, refreshIntervalS } from '../../../src/poller/interval-policy.ts';
import { availability } from '../../fixtures/poller/availability.ts';

const { intervals } = PollerSettings.parse({});
const now = new Date('2021-04-20T08:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
const none = availability({ status: 'none', slot_count: 0, next_slot: null });

describe('refresh interval policy', () => {
  it('polls often a centre with slots', () => {
    expect(
      refreshIntervalS({ availability: availability(), changed_at: ago(86_400) }, true, now, intervals),
    ).toBe(120);
  });

  it('polls often a centre never polled successfully', () => {
    expect(intervalClass({ availability: null, changed_at: null }, true, now, intervals)).toBe('active');
  });

  it('polls often a centre without slots that changed in the last half hour', () => {
    expect(intervalClass({ availability: none, changed_at: ago(29 * 60) }, true, now, intervals)).toBe(
      'active',
    );
  });

  it('polls a centre without slots every 10 minutes', () => {
    expect(refreshIntervalS({ availability: none, changed_at: ago(31 * 60) }, true, now, intervals)).toBe(
      600,
    );
  });

  it('polls hourly a centre with nothing for three days', () => {
    expect(refreshIntervalS({ availability: none, changed_at: ago(3 * 86_400) }, true, now, intervals)).toBe(
      3600,
    );
    expect(
      refreshIntervalS({ availability: none, changed_at: ago(3 * 86_400 - 60) }, true, now, intervals),
    ).toBe(600);
  });

  it('re-evaluates daily a centre that needs no request', () => {
    const phone = availability({ provider: 'phone-only', status: 'phone_only', slot_count: 0 });
    expect(refreshIntervalS({ availability: phone, changed_at: ago(60) }, false, now, intervals)).toBe(
      86_400,
    );
  });

  it('follows the configured intervals', () => {
    const custom = PollerSettings.parse({ intervals: { quiet_s: 300 } }).intervals;
    expect(refreshIntervalS({ availability: none, changed_at: ago(3600) }, true, now, custom)).toBe(300);
  });
});

describe('initial spread', () => {
  it('spreads first polls over the spread window, or the interval when shorter', () => {
    expect(initialDelayMs(600, 60, () => 0.5)).toBe(30_000);
    expect(initialDelayMs(20, 60, () => 0.5)).toBe(10_000);
    expect(initialDelayMs(600, 60, () => 0)).toBe(0);
    expect(initialDelayMs(600, 0, () => 0.9)).toBe(0);
  });
});
