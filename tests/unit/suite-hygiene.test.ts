import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Rules the whole suite keeps (issue 9): checked on the test sources, so a new test cannot slip past them. */
const TESTS = path.resolve(import.meta.dirname, '..');
const sources = readdirSync(TESTS, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(path.join(TESTS, file), 'utf8') }));
const except = (...files: string[]) => sources.filter((source) => !files.includes(source.file));
const SELF = path.join('unit', 'suite-hygiene.test.ts');

describe('the test suite', () => {
  it('reads ../shared/data only through tests/fixtures/captures.ts, which names a missing capture', () => {
    const direct = except(path.join('fixtures', 'captures.ts'), SELF).filter(({ text }) =>
      /['"`][^'"`\n]*shared\/data/.test(text),
    );
    expect(direct.map((source) => source.file)).toEqual([]);
  });

  it('never writes into docs/ (the screenshots there come from npm run screenshots)', () => {
    const writers = except(SELF).filter(({ text }) => /docs\/screenshots/.test(text));
    expect(writers.map((source) => source.file)).toEqual([]);
  });

  it('removes every temporary folder it makes (tests/support/temp-dir.ts does it for whoever uses it)', () => {
    const leaky = except(path.join('support', 'temp-dir.ts'), SELF).filter(
      ({ text }) => /\bmkdtemp(Sync)?\(/.test(text) && !/\brm(Sync)?\(/.test(text),
    );
    expect(leaky.map((source) => source.file)).toEqual([]);
  });
});
