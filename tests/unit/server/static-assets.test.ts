import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
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
