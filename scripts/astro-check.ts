/**
 * `astro check` for the `.astro` files: the Astro language server's checker, run on TypeScript 6.
 * Astro 7's `astro check` refuses TypeScript 7, which the project's `tsc --noEmit` uses: the native
 * compiler has no programmatic API yet (the checker needs `ts.sys` and the language service). So
 * `tsc` checks the `.ts` files and this checks components, pages and layouts, with the same
 * tsconfig. Exits 1 on any error or warning.
 */
import { createRequire, registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const typescript6 = require.resolve('typescript-6');

// The checker's own dependencies (`@volar/kit`) `require('typescript')`: in this process only,
// that name means TypeScript 6.
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'typescript') return { url: pathToFileURL(typescript6).href, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

const { AstroCheck } = await import('@astrojs/language-server');
const checker = new AstroCheck(root, typescript6, path.join(root, 'tsconfig.json'));
const files = checker.linter.getRootFileNames().filter((file) => file.endsWith('.astro'));
const result = await checker.lint({ fileNames: files, logErrors: { level: 'warning' } });
console.info(
  `astro check: ${result.fileChecked} .astro files, ${result.errors} errors, ${result.warnings} warnings, ${result.hints} hints`,
);
process.exitCode = result.errors + result.warnings > 0 ? 1 : 0;
