import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ScriptWeight {
  file: string;
  gzipBytes: number;
  /** Reached only through `import()`: loaded later (the map), not before first paint. */
  lazy: boolean;
}

const STATIC_IMPORT = /(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'`]([^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

/**
 * Every script a page's HTML references from the built client (`dist/client`), followed through its
 * static and dynamic imports, with its gzip size: what a visitor's browser may download for the page.
 */
export function pageScripts(html: string, clientDir: string): ScriptWeight[] {
  const found = new Map<string, ScriptWeight>();
  const visit = (url: string, lazy: boolean) => {
    const file = path.join(clientDir, new URL(url, 'http://site/').pathname);
    const known = found.get(file);
    if (known) {
      if (!lazy) known.lazy = false;
      if (known.lazy === lazy || lazy) return;
    }
    const source = readFileSync(file);
    found.set(file, {
      file: path.relative(clientDir, file),
      gzipBytes: gzipSync(source, { level: 9 }).length,
      lazy,
    });
    const text = source.toString('utf8');
    const base = new URL(url, 'http://site/');
    for (const match of text.matchAll(STATIC_IMPORT)) visit(new URL(match[1] ?? '', base).pathname, lazy);
    for (const match of text.matchAll(DYNAMIC_IMPORT)) visit(new URL(match[1] ?? '', base).pathname, true);
  };
  for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) visit(match[1] ?? '', false);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    visit(match[1] ?? '', false);
  return [...found.values()];
}
