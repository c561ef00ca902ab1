export interface SecurityHeaderOptions {
  /** The map tile URL template; its origin is the only outside origin images may come from. */
  tileUrl: string;
  /** Embeds are framed by mayors' sites; every other page refuses to be framed. */
  embeddable: boolean;
  /** HSTS only means something over TLS. */
  secure: boolean;
}

/** The origin of a tile URL template (`https://{s}.tile.example.org/{z}/{x}/{y}.png` → its host). */
export function tileOrigin(tileUrl: string): string | null {
  const match = /^(https?:\/\/[^/]+)/i.exec(tileUrl.trim());
  if (!match?.[1]) return null;
  // Leaflet's `{s}` subdomain placeholder becomes a wildcard host.
  return match[1].replace(/\{s\}/g, '*');
}

/**
 * The Content-Security-Policy and companions. Scripts: only the site's own bundles (Astro emits
 * them as external files), never inline. Styles allow inline attributes because Leaflet positions
 * markers with `style`; no data ever reaches a style.
 */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const tiles = tileOrigin(options.tileUrl);
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data:${tiles ? ` ${tiles}` : ''}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.embeddable ? '*' : "'none'"}`,
  ].join('; ');
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'Permissions-Policy': 'geolocation=(self), camera=(), microphone=()',
  };
  if (!options.embeddable) headers['X-Frame-Options'] = 'DENY';
  if (options.secure) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** Every header `securityHeaders` may set, lower-cased (the writer owns them; the benches copy them). */
export const SECURITY_HEADER_NAMES: readonly string[] = Object.keys(
  securityHeaders({ tileUrl: '', embeddable: false, secure: true }),
).map((name) => name.toLowerCase());
