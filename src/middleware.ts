import { defineMiddleware } from 'astro:middleware';
import { isEmbeddable } from './communes/embed.ts';
import { tileSettings } from './config/tiles.ts';
import { isSecure } from './shared/http.ts';
import { securityHeaders } from './shared/security-headers.ts';

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
