import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { embedOptions, embedSnippet, isEmbeddable } from '../../../src/communes/embed.ts';
import { qrSvg } from '../../../src/communes/qr.ts';
import { en } from '../../../src/i18n/en.ts';

describe('isEmbeddable', () => {
  it('lets the widgets be framed and nothing else', () => {
    expect(isEmbeddable('/embed/communes/35238')).toBe(true);
    expect(isEmbeddable('/embed/departements/2A')).toBe(true);
    expect(isEmbeddable('/communes/35238')).toBe(false);
    expect(isEmbeddable('/go/demo-1')).toBe(false);
    expect(isEmbeddable('/embed/../go/demo-1')).toBe(false);
    expect(isEmbeddable('/embedded/communes/35238')).toBe(false);
    expect(isEmbeddable('/')).toBe(false);
  });
});

describe('embedSnippet', () => {
  it('is an iframe of the widget at the full width of the host page', () => {
    const snippet = embedSnippet('https://creneau.example', { kind: 'commune', insee: '35238' }, 'Rennes');
    expect(snippet).toMatch(/^<iframe src="https:\/\/creneau\.example\/embed\/communes\/35238"/);
    expect(snippet).toContain('width: 100%');
    expect(snippet).toContain('title="Centres de vaccination près de Rennes"');
    expect(snippet).toContain('</iframe>');
  });

  it('carries the host script that sizes the frame, trusting only Créneau’s origin', () => {
    const snippet = embedSnippet(
      'https://creneau.example/base',
      { kind: 'commune', insee: '35238' },
      'Rennes',
      en,
      {
        compact: true,
      },
    );
    expect(snippet).toContain('src="https://creneau.example/base/embed/communes/35238?compact=1&lang=en"');
    expect(snippet).toContain('title="Vaccination centres near Rennes"');
    expect(snippet).toContain('var origin = "https://creneau.example";');
    expect(snippet).toContain('event.origin !== origin');
    expect(snippet).toContain('contentWindow === event.source');
    expect(snippet.trim().endsWith('</script>')).toBe(true);
  });
});

describe('embedOptions', () => {
  it('reads ?compact=1 forgivingly', () => {
    expect(embedOptions(new URLSearchParams('compact=1')).compact).toBe(true);
    expect(embedOptions(new URLSearchParams('compact=nimportequoi')).compact).toBe(false);
    expect(embedOptions(new URLSearchParams('')).compact).toBe(false);
  });
});

/** Reads the SVG back into a module grid, to compare with the QR library's own matrix. */
function gridOf(svg: string): { side: number; dark: Set<string> } {
  const side = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const dark = new Set<string>();
  for (const [, x, y, width] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g))
    for (let i = 0; i < Number(width); i++) dark.add(`${Number(y)},${Number(x) + i}`);
  return { side, dark };
}

describe('qrSvg', () => {
  it('draws exactly the dark modules of the QR code, inside a 4-module quiet zone', () => {
    const url = 'https://creneau.example/communes/35238';
    const { side, dark } = gridOf(qrSvg(url));
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    expect(side).toBe(modules.size + 8);
    let expected = 0;
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++) {
        if (!modules.get(row, col)) continue;
        expected++;
        expect(dark.has(`${row + 4},${col + 4}`)).toBe(true);
      }
    expect(dark.size).toBe(expected);
  });

  it('holds no text of the URL, only shapes', () => {
    const svg = qrSvg('https://creneau.example/communes/35238?x=<script>');
    expect(svg).not.toContain('creneau');
    expect(svg).not.toContain('<script');
    expect(svg).toMatch(/^<svg [^>]*aria-hidden="true"/);
  });
});
