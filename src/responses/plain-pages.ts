import { en } from '../i18n/en.ts';
import { fr, type Messages } from '../i18n/fr.ts';
import { type Prepared, prepareSmall } from './prepared.ts';

/**
 * The pages Créneau answers without Astro: the overload page and the refusals of the request
 * boundary. Static, French first then English (English first under `lang=en`), words from src/i18n (errors), no script, no data from the request other than
 * the escaped link back to the same URL.
 */

/** The national vaccination line (numéro vert, free): what to do when the site cannot answer. */
export const NATIONAL_PHONE = { label: '0 800 009 110', href: 'tel:+33800009110' } as const;

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b4fa3}';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string, lang: 'fr' | 'en' = 'fr'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The language a plain page leads with: English when the URL asks for it (`lang=en`), as every page. */
function leadOf(url: string | undefined): 'fr' | 'en' {
  const query = (url ?? '').split('#')[0]?.split('?')[1] ?? '';
  return new URLSearchParams(query).get('lang') === 'en' ? 'en' : 'fr';
}

/** A same-site link to what was asked: only a path (a `//host` or `\` start would leave the site). */
export function sameSiteHref(url: string | undefined): string {
  const raw = url ?? '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  return raw;
}

/** The shed answer: `503` with `Retry-After`, never kept by a cache (the next try may well work). */
export function shedPage(url: string | undefined, retryAfterS: number): Prepared {
  if (/^\/api\//.test(url ?? '')) return shedJson(retryAfterS);
  const href = escapeHtml(sameSiteHref(url));
  const phone = `<a href="${NATIONAL_PHONE.href}">${NATIONAL_PHONE.label}</a>`;
  const lead = leadOf(url);
  const part = (t: Messages, first: boolean) => {
    const e = t.errors;
    const heading = first ? 'h1' : 'h2';
    const inner = `<${heading}>${e.busyTitle}</${heading}>
<p>${e.busyBody} <a href="${href}">${e.busyRetry}</a>.</p>
<p>${e.busyPhone} ${phone} ${e.busyFree}.</p>`;
    return first ? inner : `<hr><div lang="${t.lang}">${inner}</div>`;
  };
  const [first, second] = lead === 'en' ? [en, fr] : [fr, en];
  const html = page(`${first.errors.busyTitle} – Créneau`, part(first, true) + part(second, false), lead);
  return prepareSmall(
    503,
    {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': retryAfterS,
    },
    html,
  );
}

/** A short refusal page (400, 404, 405, 413, 500) from the request boundary, never cached; `url` picks the language it leads with. */
export function refusalPage(
  status: 400 | 404 | 405 | 413 | 500,
  extraHeaders: Record<string, string> = {},
  url?: string,
): Prepared {
  const lead = leadOf(url);
  const [first, second] = lead === 'en' ? [en, fr] : [fr, en];
  const words = (t: Messages) => t.errors.refusals[status] ?? t.errors.other;
  return prepareSmall(
    status,
    { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders },
    page(
      `${words(first)} – Créneau`,
      `<h1>${words(first)}</h1><p lang="${second.lang}">${words(second)}.</p><p><a href="/${lead === 'en' ? '?lang=en' : ''}">${first.errors.home}</a> · <a href="/${lead === 'en' ? '' : '?lang=en'}" lang="${second.lang}">${second.errors.home}</a></p>`,
      lead,
    ),
  );
}

/** The API's shed answer, in its error shape (docs/API.md), readable from any origin. */
function shedJson(retryAfterS: number): Prepared {
  return prepareSmall(
    503,
    {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': retryAfterS,
      'access-control-allow-origin': '*',
    },
    JSON.stringify({
      error: { code: 'overloaded', message: `Too many requests right now; retry in ${retryAfterS} s.` },
    }),
  );
}
