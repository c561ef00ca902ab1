import { describe, expect, it } from 'vitest';
import { securityHeaders, tileOrigin } from '../../../src/shared/security-headers.ts';

const osm = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

describe('securityHeaders', () => {
  it('allows only the site’s scripts and the tile server’s images, and refuses framing', () => {
    const headers = securityHeaders({ tileUrl: osm, embeddable: false, secure: false });
    const csp = headers['Content-Security-Policy'] ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("img-src 'self' data: https://tile.openstreetmap.org;");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['Strict-Transport-Security']).toBeUndefined();
  });

  it('lets embeds be framed and adds HSTS over TLS', () => {
    const headers = securityHeaders({ tileUrl: osm, embeddable: true, secure: true });
    expect(headers['Content-Security-Policy']).toContain('frame-ancestors *');
    expect(headers['X-Frame-Options']).toBeUndefined();
    expect(headers['Strict-Transport-Security']).toMatch(/max-age=\d+/);
  });

  it('turns a subdomain placeholder into a wildcard host', () => {
    expect(tileOrigin('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org');
    expect(tileOrigin('/tiles/{z}/{x}/{y}.png')).toBeNull();
  });
});
