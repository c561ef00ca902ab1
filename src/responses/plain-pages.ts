import { type Prepared, prepareSmall } from './prepared.ts';

/**
 * The pages Créneau answers without Astro: the overload page and the refusals of the request
 * boundary. Static, French first then English, no script, no data from the request other than
 * the escaped link back to the same URL.
 */

/** The national vaccination line (numéro vert, free): what to do when the site cannot answer. */
export const NATIONAL_PHONE = { label: '0 800 009 110', href: 'tel:+33800009110' } as const;

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b4fa3}';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
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
  const html = page(
    'Beaucoup de monde en ce moment – Créneau',
    `<h1>Beaucoup de monde en ce moment</h1>
<p>Le site reçoit énormément de visites. Votre recherche n’est pas perdue : <a href="${href}">réessayez dans quelques secondes</a>.</p>
<p>Vous pouvez aussi prendre rendez-vous par téléphone : ${phone} (numéro vert, gratuit).</p>
<hr><div lang="en"><h2>Very busy right now</h2>
<p>The site is receiving a great many visits. <a href="${href}">Try the same search again in a few seconds</a>, or book by phone: ${phone}.</p></div>`,
  );
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

const REFUSALS: Record<number, { fr: string; en: string }> = {
  400: { fr: 'Requête invalide', en: 'Bad request' },
  404: { fr: 'Page introuvable', en: 'Not found' },
  405: { fr: 'Méthode non autorisée', en: 'Method not allowed' },
  413: { fr: 'Envoi trop volumineux', en: 'Request too large' },
  500: { fr: 'Erreur du serveur, réessayez dans un instant', en: 'Server error, please retry in a moment' },
};

/** A short refusal page (400, 405, 413, 500) from the request boundary, never cached. */
export function refusalPage(
  status: 400 | 404 | 405 | 413 | 500,
  extraHeaders: Record<string, string> = {},
): Prepared {
  const words = REFUSALS[status] ?? { fr: 'Erreur', en: 'Error' };
  return prepareSmall(
    status,
    { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders },
    page(
      `${words.fr} – Créneau`,
      `<h1>${words.fr}</h1><p lang="en">${words.en}.</p><p><a href="/">Accueil / Home</a></p>`,
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
