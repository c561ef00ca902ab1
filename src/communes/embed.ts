/**
 * Pages a town hall may put in an `<iframe>` on its own site. The security-header middleware asks
 * this before sending `frame-ancestors 'none'` / `X-Frame-Options: DENY`: everything else stays
 * unframeable (clickjacking), these pages hold no form and no state to hijack.
 */
export function isEmbeddable(pathname: string): boolean {
  return /^\/embed\/(communes|departements)\/[^/]+\/?$/.test(pathname);
}

export type EmbedTarget = { kind: 'commune'; insee: string } | { kind: 'departement'; code: string };

export function embedPath(target: EmbedTarget): string {
  return target.kind === 'commune'
    ? `/embed/communes/${encodeURIComponent(target.insee)}`
    : `/embed/departements/${encodeURIComponent(target.code)}`;
}

/**
 * The `<iframe>` a town hall pastes, as text (shown in `<pre><code>`, so Astro escapes it).
 * `width: 100%` lets the host page decide the width; the title names it for screen readers.
 */
export function embedSnippet(origin: string, target: EmbedTarget, placeName: string): string {
  const title = `Centres de vaccination près de ${placeName}`.replaceAll('"', '&quot;');
  return [
    `<iframe src="${origin}${embedPath(target)}"`,
    `  title="${title}"`,
    '  style="box-sizing: border-box; width: 100%; min-height: 32rem; border: 1px solid #c5cad3;"',
    '  loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>',
  ].join('\n');
}
