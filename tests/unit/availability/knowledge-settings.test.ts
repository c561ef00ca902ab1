import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.ts';
import { tempDir } from '../../support/temp-dir.ts';

const configFile = (content: unknown) => {
  const file = path.join(tempDir('creneau-availability-config-'), 'creneau.config.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

describe('availability.expire_after_s in creneau.config.json', () => {
  it('defaults to one hour', async () => {
    expect((await loadConfig({ path: configFile({}), env: {} })).availability).toEqual({
      expire_after_s: 3600,
    });
  });

  it('is read from the file', async () => {
    const config = await loadConfig({
      path: configFile({ availability: { expire_after_s: 1800 } }),
      env: {},
    });
    expect(config.availability.expire_after_s).toBe(1800);
  });

  it('refuses unknown keys and values out of range, naming them', async () => {
    for (const [content, message] of [
      [
        { availability: { expire: 5 } },
        /unknown key "expire" in availability \(known settings: expire_after_s\)/,
      ],
      [{ availability: { expire_after_s: 10 } }, /availability\.expire_after_s must be at least 60/],
    ] as const) {
      const failure = await loadConfig({ path: configFile(content), env: {} }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as ConfigError).problems.join('\n')).toMatch(message);
    }
  });
});
