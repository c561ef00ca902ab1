import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en.ts';
import { fr } from '../../../src/i18n/fr.ts';
import { precompressFolder } from '../../../src/server/precompress.ts';
import { createStaticAssets } from '../../../src/server/static-assets.ts';
import { tempDir } from '../../support/temp-dir.ts';

function clientFolder(): string {
  const dir = tempDir('creneau-client-');
  mkdirSync(path.join(dir, '_astro'));
  mkdirSync(path.join(dir, 'aide'));
  writeFileSync(path.join(dir, '_astro/app.Ab12.js'), `console.info(${JSON.stringify('x'.repeat(4000))});`);
  writeFileSync(path.join(dir, '_astro/marker.Cd34.png'), Buffer.alloc(3000, 7));
  writeFileSync(
    path.join(dir, 'aide/index.html'),
    `<!doctype html><h1>Aide</h1>${'<p>texte</p>'.repeat(200)}`,
  );
  writeFileSync(path.join(dir, 'maires.html'), '<!doctype html><h1>Maires</h1>');
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(dir, '.hidden.js'), 'secret');
  return dir;
}

describe('createStaticAssets', () => {
  const find = createStaticAssets(clientFolder());

  it('caches hashed bundles and images for a year, other files briefly', () => {
    expect(find('/_astro/app.Ab12.js')?.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(find('/_astro/marker.Cd34.png')?.headers).toMatchObject({
      'content-type': 'image/png',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(find('/favicon.svg')?.headers['cache-control']).toBe(
      'public, max-age=300, stale-while-revalidate=3600',
    );
  });

  it('answers /x from x/index.html or x.html, as Astro’s static handler would', () => {
    expect(find('/aide')?.identity.toString()).toContain('<h1>Aide</h1>');
    expect(find('/aide/')?.identity.toString()).toContain('<h1>Aide</h1>');
    expect(find('/maires')?.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(find('/absent.js')).toBeNull();
    expect(find('/.hidden.js')).toBeNull();
  });

  it('compresses text once at start (decompressing to the same bytes), never images or tiny files', () => {
    for (const name of ['/_astro/app.Ab12.js', '/aide']) {
      const asset = find(name);
      if (!asset?.encoded.br || !asset.encoded.gzip) throw new Error(`${name} is not compressed`);
      expect(brotliDecompressSync(asset.encoded.br).equals(asset.identity)).toBe(true);
      expect(gunzipSync(asset.encoded.gzip).equals(asset.identity)).toBe(true);
    }
    expect(find('/_astro/marker.Cd34.png')?.encoded).toEqual({});
    expect(find('/favicon.svg')?.encoded).toEqual({});
  });
});

describe('prerendered pages', () => {
  const facts = {
    registry: { kind: 'demo', imported_at: '2021-01-14T08:00:00Z' },
    eligibility: null,
  };
  function built(): string {
    const dir = tempDir('creneau-prerendered-');
    mkdirSync(path.join(dir, 'en/404'), { recursive: true });
    const page = (lang: string, words: string) =>
      `<!doctype html><html lang="${lang}"><header><!--creneau:demo-banner--></header><h1>${words}</h1>${'<p>texte</p>'.repeat(200)}<footer><!--creneau:sources--></footer></html>`;
    writeFileSync(path.join(dir, 'index.html'), page('fr', 'Accueil'));
    writeFileSync(path.join(dir, 'en/index.html'), page('en', 'Home'));
    writeFileSync(path.join(dir, '404.html'), page('fr', 'Introuvable'));
    writeFileSync(path.join(dir, 'en/404/index.html'), page('en', 'Not found'));
    return dir;
  }

  it('fills the deployment lines once, and serves the English twin for lang=en only', () => {
    const find = createStaticAssets(built(), { facts });
    const home = find('/', '')?.identity.toString() ?? '';
    expect(home).toContain('<h1>Accueil</h1>');
    expect(home).toContain('data-testid="demo-banner"');
    expect(home).toContain(fr.site.demoTitle);
    expect(home).not.toContain('<!--creneau:');
    expect(find('/', '?lang=en')?.identity.toString()).toContain(en.site.demoTitle);
    expect(find('/', '?lang=en')?.identity.toString()).toContain('<h1>Home</h1>');
    expect(find('/', '?lang=fr')).toBe(find('/', ''));
    expect(find('/', '?q=x')).toBe(find('/', ''));
    expect(find('/', '')?.headers['cache-control']).toBe('public, max-age=60');
    // The not-found page is no answer for its own URL: Astro's 404 body is swapped for it.
    expect(find('/404', '')).toBeNull();
  });

  it('swaps Astro’s raw 404.html for the filled page in the asked language, and nothing else', () => {
    const dir = built();
    const find = createStaticAssets(dir, { facts });
    const raw = readFileSync(path.join(dir, '404.html'));
    expect(find.notFound(raw, '')?.status).toBe(404);
    expect(find.notFound(raw, '')?.identity.toString()).toContain('<h1>Introuvable</h1>');
    expect(find.notFound(raw, '?lang=en')?.identity.toString()).toContain('<h1>Not found</h1>');
    expect(find.notFound(Buffer.from('<h1>Centre inconnu</h1>'), '')).toBeNull();
  });

  it('serves the .br/.gz written at build when they decompress to the file, and compresses otherwise', () => {
    const dir = tempDir('creneau-precompressed-');
    const body = `<!doctype html>${'<p>même texte</p>'.repeat(300)}`;
    writeFileSync(path.join(dir, 'aide.html'), body);
    expect(precompressFolder(dir)).toBe(1);
    const fromBuild = readFileSync(path.join(dir, 'aide.html.br'));
    expect(createStaticAssets(dir)('/aide')?.encoded.br?.equals(fromBuild)).toBe(true);
    // A stale .br (the page rewritten after the build) is not served.
    writeFileSync(path.join(dir, 'aide.html'), `${body}<p>ajout</p>`);
    const page = createStaticAssets(dir)('/aide');
    if (!page?.encoded.br || !page.encoded.gzip) throw new Error('not compressed');
    expect(page.encoded.br.equals(fromBuild)).toBe(false);
    expect(brotliDecompressSync(page.encoded.br).equals(page.identity)).toBe(true);
    expect(gunzipSync(page.encoded.gzip).equals(page.identity)).toBe(true);
  });
});
