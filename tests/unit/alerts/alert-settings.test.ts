import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'creneau-alerts-config-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const withFile = (value: unknown) => writeFile(path.join(dir, 'creneau.config.json'), JSON.stringify(value));

async function problems(env: NodeJS.ProcessEnv = {}): Promise<readonly string[]> {
  const error = await loadConfig({ cwd: dir, env }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

describe('alerts configuration', () => {
  it('has working defaults without a file', async () => {
    const { alerts } = await loadConfig({ cwd: dir, env: {} });
    expect(alerts).toMatchObject({
      min_slots: 5,
      dedup_window_s: 21_600,
      max_events: 2000,
      webhooks: [],
      public_url: 'http://localhost:4321',
    });
  });

  it('takes a webhook secret from CRENEAU_WEBHOOK_SECRET_<N>, over the file', async () => {
    await withFile({
      alerts: {
        min_slots: 10,
        webhooks: [
          { url: 'https://a.example/hook', secret: 'file-secret-0123456789' },
          { url: 'https://b.example/hook', departements: ['35', '2A'] },
        ],
      },
    });
    const { alerts } = await loadConfig({
      cwd: dir,
      env: {
        CRENEAU_WEBHOOK_SECRET_2: 'env-secret-0123456789',
        CRENEAU_PUBLIC_URL: 'https://creneau.example/',
      },
    });
    expect(alerts.min_slots).toBe(10);
    expect(alerts.public_url).toBe('https://creneau.example');
    expect(alerts.webhooks).toEqual([
      { url: 'https://a.example/hook', secret: 'file-secret-0123456789' },
      { url: 'https://b.example/hook', secret: 'env-secret-0123456789', departements: ['35', '2A'] },
    ]);
  });

  it('refuses a webhook without a secret, naming the variable to set', async () => {
    await withFile({ alerts: { webhooks: [{ url: 'https://a.example/hook' }] } });
    expect(await problems()).toEqual([
      'alerts.webhooks.0.secret is missing: set it in the file or in CRENEAU_WEBHOOK_SECRET_1',
    ]);
  });

  it('refuses a public URL that is not http(s)', async () => {
    expect(await problems({ CRENEAU_PUBLIC_URL: 'creneau.example' })).toEqual([
      'CRENEAU_PUBLIC_URL="creneau.example": must be an http:// or https:// URL',
    ]);
  });

  it('refuses unknown keys and bad values, one line each', async () => {
    await withFile({
      alerts: {
        min_slot: 3,
        dedup_window_s: -1,
        webhooks: [{ url: 'ftp://a.example', secret: 'short', departements: ['99'] }],
      },
    });
    const lines = await problems();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown key "min_slot" in alerts (known: min_slots,'),
        expect.stringContaining('alerts.dedup_window_s must be greater than 0'),
        expect.stringContaining('alerts.webhooks.0.url must be an http:// or https:// URL'),
        expect.stringContaining('alerts.webhooks.0.secret must be at least 16'),
        expect.stringContaining('alerts.webhooks.0.departements.0'),
      ]),
    );
  });

  it('refuses a retention shorter than the de-duplication window', async () => {
    await withFile({ alerts: { dedup_window_s: 7200, retention_s: 3600 } });
    expect(await problems()).toEqual([
      expect.stringContaining('alerts.retention_s must be at least dedup_window_s'),
    ]);
  });
});
