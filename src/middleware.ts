import { defineMiddleware } from 'astro:middleware';
import { isEmbeddable } from './communes/embed.ts';
import { tileSettings } from './config/tiles.ts';
import { isSecure } from './shared/http.ts';
import { securityHeaders } from './shared/security-headers.ts';

const tiles = tileSettings();

/**
 * Security headers for `astro dev`, where Astro answers alone. Under `npm start` every answer is
 * written by the response path (src/responses/write.ts), which sets them itself for each request
 * and ignores these.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  // A page prerendered at build has no request headers; its file is served by the response path.
  if (context.isPrerendered) return response;
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
