import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.ts';
import { resolveStatsSettings } from '../../../src/stats/stats-settings.ts';
import { tempDir } from '../../support/temp-dir.ts';

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

describe('the stats section of creneau.config.json', () => {
  const configFile = (content: unknown) => {
    const file = path.join(tempDir('creneau-stats-config-'), 'creneau.config.json');
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it('is read by loadConfig, with variables over it', async () => {
    const config = await loadConfig({
      path: configFile({ stats: { interval_min: 15, retention_days: 30 } }),
      env: { CRENEAU_STATS_RETENTION_DAYS: '60' },
    });
    expect(config.stats).toEqual({
      enabled: true,
      interval_min: 15,
      retention_days: 60,
      full_resolution_days: 7,
    });
  });

  it('refuses unknown keys and bad variables at start, naming them', async () => {
    const failure = await loadConfig({
      path: configFile({ stats: { every: 5 } }),
      env: { CRENEAU_STATS_INTERVAL_MIN: '0' },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    const problems = (failure as ConfigError).problems.join('\n');
    expect(problems).toMatch(/unknown key "every" in stats/);
  });

  it('names the variable when its value is out of range', async () => {
    const failure = await loadConfig({
      path: configFile({}),
      env: { CRENEAU_STATS_INTERVAL_MIN: '0' },
    }).catch((error: unknown) => error);
    expect((failure as ConfigError).problems).toEqual([
      expect.stringMatching(/^CRENEAU_STATS_INTERVAL_MIN="0": /),
    ]);
  });
});
