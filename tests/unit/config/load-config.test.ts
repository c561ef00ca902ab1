import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'creneau-config-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const writeConfig = (value: unknown, name = 'creneau.config.json') =>
  writeFile(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));

async function problemsOf(promise: Promise<unknown>): Promise<readonly string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

describe('loadConfig', () => {
  it('gives every provider its defaults when there is no file and no variable', async () => {
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.source).toBeNull();
    expect(Object.keys(config.providers).sort()).toEqual(['doctolib', 'keldoc', 'maiia', 'smart']);
    expect(config.providers.maiia).toEqual({
      enabled: true,
      headers: {},
      rate_limit: { requests: 5, per_seconds: 1 },
      concurrency: 2,
      horizon_days: 14,
      timeout_ms: 10_000,
    });
  });

  it('reads creneau.config.json from the working directory, keeping defaults for what it omits', async () => {
    await writeConfig({
      providers: { doctolib: { base_url: 'https://partners.doctolib.fr', concurrency: 4 } },
    });
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.source).toBe(path.join(dir, 'creneau.config.json'));
    expect(config.providers.doctolib).toMatchObject({
      base_url: 'https://partners.doctolib.fr',
      concurrency: 4,
      horizon_days: 14,
    });
    expect(config.providers.keldoc.base_url).toBeUndefined();
  });

  it('reads the file named by CRENEAU_CONFIG, and fails when it does not exist', async () => {
    await writeConfig({ providers: { smart: { enabled: false } } }, 'other.json');
    const config = await loadConfig({ cwd: dir, env: { CRENEAU_CONFIG: 'other.json' } });
    expect(config.providers.smart.enabled).toBe(false);
    const problems = await problemsOf(loadConfig({ cwd: dir, env: { CRENEAU_CONFIG: 'missing.json' } }));
    expect(problems[0]).toMatch(/missing\.json.*no such file.*CRENEAU_CONFIG/);
  });

  it('lets CRENEAU_<PROVIDER>_* variables override the file', async () => {
    await writeConfig({ providers: { maiia: { concurrency: 3, headers: { 'X-Partner': 'creneau' } } } });
    const config = await loadConfig({
      cwd: dir,
      env: {
        CRENEAU_MAIIA_BASE_URL: 'http://127.0.0.1:4010',
        CRENEAU_MAIIA_ENABLED: 'false',
        CRENEAU_MAIIA_CONCURRENCY: '8',
        CRENEAU_MAIIA_RATE_LIMIT: '10/1s',
        CRENEAU_MAIIA_HORIZON_DAYS: '28',
        CRENEAU_MAIIA_HEADERS: '{"X-Api-Key":"secret"}',
        CRENEAU_KELDOC_RATE_LIMIT: '120/1m',
        CRENEAU_DATA_DIR: '/not/a/provider/setting',
        CRENEAU_SMART_TIMEOUT_MS: '',
      },
    });
    expect(config.providers.maiia).toEqual({
      base_url: 'http://127.0.0.1:4010',
      enabled: false,
      concurrency: 8,
      rate_limit: { requests: 10, per_seconds: 1 },
      horizon_days: 28,
      headers: { 'X-Partner': 'creneau', 'X-Api-Key': 'secret' },
      timeout_ms: 10_000,
    });
    expect(config.providers.keldoc.rate_limit).toEqual({ requests: 120, per_seconds: 60 });
    expect(config.providers.smart.timeout_ms).toBe(10_000);
  });

  it('fails on an unknown key, naming it and the keys it could have meant', async () => {
    await writeConfig({ providers: { doctolib: { horizon: 7 }, mediflash: {} } });
    const problems = await problemsOf(loadConfig({ cwd: dir, env: {} }));
    expect(problems).toContainEqual(
      expect.stringMatching(/unknown key "horizon" in providers\.doctolib .*horizon_days/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/unknown key "mediflash" in providers .*doctolib, maiia, keldoc, smart/),
    );
  });

  it('fails on a bad value in the file, naming the key and the rule', async () => {
    await writeConfig({ providers: { keldoc: { concurrency: 0, base_url: 'ftp://keldoc' } } });
    const problems = await problemsOf(loadConfig({ cwd: dir, env: {} }));
    expect(problems).toContainEqual(
      'creneau.config.json: providers.keldoc.concurrency must be greater than 0',
    );
    expect(problems).toContainEqual(
      'creneau.config.json: providers.keldoc.base_url must be an http:// or https:// URL',
    );
  });

  it('fails on a bad variable, naming the variable and its value', async () => {
    const problems = await problemsOf(
      loadConfig({
        cwd: dir,
        env: {
          CRENEAU_DOCTOLIB_CONCURRENCY: 'many',
          CRENEAU_MAIIA_RATE_LIMIT: 'fast',
          CRENEAU_KELDOC_HORIZON_DAYS: '365',
          CRENEAU_SMART_HEADERS: '["nope"]',
          CRENEAU_SMART_RETRIES: '3',
        },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'CRENEAU_DOCTOLIB_CONCURRENCY="many": must be a whole number',
        expect.stringMatching(/^CRENEAU_MAIIA_RATE_LIMIT="fast": must read like 10\/1s/),
        `CRENEAU_SMART_HEADERS='["nope"]': must be a JSON object of strings`,
        expect.stringMatching(/^CRENEAU_SMART_RETRIES: unknown setting; use one of .*CRENEAU_SMART_BASE_URL/),
      ]),
    );
    // Range errors are found once the values parse, and still name the variable.
    const range = await problemsOf(loadConfig({ cwd: dir, env: { CRENEAU_KELDOC_HORIZON_DAYS: '365' } }));
    expect(range).toEqual(['CRENEAU_KELDOC_HORIZON_DAYS="365": must be at most 60']);
  });

  it('fails on a file that is not JSON, saying so', async () => {
    await writeConfig('{ providers: ');
    const problems = await problemsOf(loadConfig({ cwd: dir, env: {} }));
    expect(problems[0]).toMatch(/creneau\.config\.json is not valid JSON/);
  });

  it('accepts the shipped example file', async () => {
    const example = path.resolve(import.meta.dirname, '../../../creneau.config.example.json');
    const config = await loadConfig({ path: example, env: {} });
    expect(config.source).toBe(example);
    expect(config.providers.doctolib.enabled).toBe(true);
  });
});
