import { z } from 'zod';
import { fr, type Messages } from '../i18n/fr.ts';
import { HEIGHT_MESSAGE, MAX_EMBED_HEIGHT_PX } from './embed-protocol.ts';

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
 * The widget's own query string: `?compact=1` for a narrow column (one short line per centre).
 * Read forgivingly, as everywhere: an unknown value is the normal widget, never an error.
 */
const EmbedQuery = z.object({
  compact: z
    .enum(['1', 'true', 'oui', 'yes'])
    .optional()
    .catch(undefined)
    .transform((value) => value !== undefined),
});

export function embedOptions(params: URLSearchParams): { compact: boolean } {
  return EmbedQuery.parse({ compact: params.get('compact') ?? undefined });
}

export { HEIGHT_MESSAGE, MAX_EMBED_HEIGHT_PX };

/**
 * The host page's few lines of script: it resizes the `<iframe>` whose window posted the message,
 * only when the message comes from Créneau's origin (`CRENEAU_PUBLIC_URL`), is the height message
 * and holds a sensible number. Without it (or without JavaScript) the frame keeps its fixed height
 * and scrolls inside. Plain ES5, no global left behind, safe to paste several times.
 */
export function hostScript(origin: string): string {
  const expected = JSON.stringify(new URL(origin).origin);
  return [
    '<script>',
    '(function () {',
    `  var origin = ${expected};`,
    '  window.addEventListener("message", function (event) {',
    `    if (event.origin !== origin || !event.data || event.data.type !== "${HEIGHT_MESSAGE}") return;`,
    '    var height = Number(event.data.height);',
    `    if (!(height > 0 && height < ${MAX_EMBED_HEIGHT_PX})) return;`,
    '    var frames = document.getElementsByTagName("iframe");',
    '    for (var i = 0; i < frames.length; i++)',
    '      if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(height) + "px";',
    '  });',
    '})();',
    '</script>',
  ].join('\n');
}

/**
 * The `<iframe>` a town hall pastes, and the script that fits its height to the list, as text
 * (shown in `<pre><code>`, so Astro escapes it). `width: 100%` lets the host page decide the width;
 * the title names it for screen readers; `height` is what it keeps without the script.
 */
export function embedSnippet(
  origin: string,
  target: EmbedTarget,
  placeName: string,
  t: Messages = fr,
  options: { compact?: boolean } = {},
): string {
  const title = t.embed.snippetTitle(placeName).replaceAll('"', '&quot;');
  const query = new URLSearchParams();
  if (options.compact) query.set('compact', '1');
  if (t.lang === 'en') query.set('lang', 'en');
  const search = query.size > 0 ? `?${query}` : '';
  return [
    `<iframe src="${origin}${embedPath(target)}${search}"`,
    `  title="${title}"`,
    '  style="box-sizing: border-box; width: 100%; height: 32rem; border: 1px solid #c5cad3;"',
    '  loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>',
    hostScript(origin),
  ].join('\n');
}
