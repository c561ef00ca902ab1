import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exactBytes, prepare, prepareSmall } from '../../../src/responses/prepared.ts';

const json = Buffer.from(
  JSON.stringify(
    Array.from({ length: 300 }, (_, i) => ({ id: `demo-${i}`, name: `Centre ${i}`, lat: 48 + i / 1e3 })),
  ),
);

/** What a buffer really keeps alive: its whole backing store, not its length. */
const held = (buffer: Buffer) => buffer.buffer.byteLength;

describe('prepared answers hold only their own bytes', () => {
  it('keeps each compressed form in memory of its size, not in zlib’s 64 KiB output chunk', async () => {
    const prepared = await prepare(200, { 'content-type': 'application/json' }, json);
    const forms = [prepared.identity, prepared.encoded.br, prepared.encoded.gzip];
    for (const form of forms) {
      expect(form).toBeDefined();
      expect(held(form as Buffer)).toBe((form as Buffer).byteLength);
    }
    // The memo's budget counts what is really held.
    const total = forms.reduce((sum, form) => sum + held(form as Buffer), 0);
    expect(prepared.bytes).toBeGreaterThanOrEqual(total);
    expect(prepared.bytes).toBeLessThan(total + 2_000);
    expect(brotliDecompressSync(prepared.encoded.br as Buffer).equals(json)).toBe(true);
    expect(gunzipSync(prepared.encoded.gzip as Buffer).equals(json)).toBe(true);
  });

  it('copies a body that is a view into a larger buffer, and leaves one that owns its memory as it is', async () => {
    const pooled = Buffer.from('<p>Page introuvable</p>');
    expect(held(pooled)).toBeGreaterThan(pooled.byteLength);
    const small = prepareSmall(404, { 'content-type': 'text/html; charset=utf-8' }, pooled);
    expect(held(small.identity)).toBe(pooled.byteLength);
    expect(small.identity.toString()).toBe('<p>Page introuvable</p>');

    const slice = Buffer.concat([json, json]).subarray(json.byteLength);
    const copied = exactBytes(slice);
    expect(copied.equals(json)).toBe(true);
    expect(held(copied)).toBe(json.byteLength);
    expect(exactBytes(copied)).toBe(copied);

    // Forms compressed elsewhere (static assets: at build time, or here with zlib's sync calls) too.
    const asset = prepareSmall(200, { 'content-type': 'text/css' }, json, { gzip: gzipSync(json) });
    expect(held(asset.encoded.gzip as Buffer)).toBe((asset.encoded.gzip as Buffer).byteLength);
    expect(asset.bytes).toBeGreaterThanOrEqual(json.byteLength + (asset.encoded.gzip as Buffer).byteLength);
  });
});
