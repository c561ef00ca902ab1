#!/usr/bin/env node
// `npx creneau …` runs with node_modules/.bin first in PATH, so `node` is the Node 24 that the
// `node` devDependency brings; it runs the TypeScript sources directly (type stripping).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `creneau needs Node.js 24 or newer (this is ${process.version}). Run it through npx or npm so that the project's Node is used.`,
  );
  process.exit(1);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
