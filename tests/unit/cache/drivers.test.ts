import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DRIVERS = new URL('../../../src/cache/drivers/', import.meta.url);
const TESTS = new URL('./', import.meta.url);

describe('cache drivers', () => {
  it('has, for every driver in src/cache/drivers, a test file that runs the shared suite on it', () => {
    const drivers = readdirSync(DRIVERS)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.slice(0, -'.ts'.length));
    expect(drivers).toEqual(expect.arrayContaining(['memory', 'redis']));
    for (const driver of drivers) {
      let source = '';
      try {
        source = readFileSync(new URL(`${driver}.test.ts`, TESTS), 'utf8');
      } catch {
        expect.fail(`src/cache/drivers/${driver}.ts has no tests/unit/cache/${driver}.test.ts`);
      }
      expect(source, `${driver}.test.ts does not run testCacheDriver`).toMatch(
        new RegExp(`testCacheDriver\\(\\{\\s*name: '${driver}'`),
      );
    }
  });
});
