import { defineMiddleware } from 'astro:middleware';
import { isEmbeddable } from './communes/embed.ts';
import { tileSettings } from './map/tiles.ts';
import { securityHeaders } from './security/security-headers.ts';

const tiles = tileSettings();

/** Security headers on every answer Astro renders (pages and API alike). */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const headers = securityHeaders({
    tileUrl: tiles.url,
    embeddable: isEmbeddable(context.url.pathname),
    secure: isSecure(context.request),
  });
  for (const [name, value] of Object.entries(headers)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
});

/** TLS ends at a proxy in production: trust its X-Forwarded-Proto, else the request's own scheme. */
function isSecure(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === 'https';
  return new URL(request.url).protocol === 'https:';
}
