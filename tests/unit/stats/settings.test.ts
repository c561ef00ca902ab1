import { describe, expect, it } from 'vitest';
import { resolveStatsSettings } from '../../../src/stats/stats-settings.ts';

describe('resolveStatsSettings', () => {
  it('samples every 10 minutes and keeps 90 days by default', () => {
    expect(resolveStatsSettings({}, {})).toEqual({
      ok: true,
      settings: { enabled: true, interval_min: 10, retention_days: 90, full_resolution_days: 7 },
    });
  });

  it('applies CRENEAU_STATS_* variables over the file', () => {
    const result = resolveStatsSettings(
      { interval_min: 5, retention_days: 30 },
      { CRENEAU_STATS_RETENTION_DAYS: '14', CRENEAU_STATS_ENABLED: 'off', CRENEAU_STATS_INTERVAL_MIN: '' },
    );
    expect(result).toMatchObject({
      ok: true,
      settings: { enabled: false, interval_min: 5, retention_days: 14 },
    });
  });

  it('names the variable or key of each mistake', () => {
    expect(resolveStatsSettings({}, { CRENEAU_STATS_INTERVAL_MIN: 'ten' })).toEqual({
      ok: false,
      problems: ['CRENEAU_STATS_INTERVAL_MIN="ten": must be a whole number'],
    });
    const bad = resolveStatsSettings({ retention_days: 0, color: 'red' }, {});
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.join('\n')).toMatch(/stats\.retention_days/);
    expect(!bad.ok && bad.problems.join('\n')).toMatch(/color/);
  });

  it('never keeps full resolution longer than the retention', () => {
    expect(resolveStatsSettings({ retention_days: 3 }, {})).toMatchObject({
      settings: { full_resolution_days: 3 },
    });
  });
});
