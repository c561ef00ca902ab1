import { isIP } from 'node:net';

/**
 * Whether a URL's host names this machine or a private network: loopback (127/8, ::1, `localhost`),
 * link-local (169.254/16 — cloud metadata —, fe80::/10), private (10/8, 172.16/12, 192.168/16,
 * fc00::/7, 100.64/10), unspecified (0.0.0.0, ::), and IPv4 mapped into IPv6. A feed must not be able
 * to make the poller fetch those unless the operator allows it (`allow_private_addresses`).
 * Host names are judged as written: the origins a feed may use are the configured ones anyway.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const version = isIP(host);
  if (version === 4) return isPrivateIpv4(host);
  if (version === 6) return isPrivateIpv6(host);
  return false;
}

function isPrivateIpv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

function isPrivateIpv6(address: string): boolean {
  if (address === '::' || address === '::1') return true;
  // IPv4-mapped (`::ffff:127.0.0.1`, which the URL parser writes `::ffff:7f00:1`).
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(address);
  if (mapped) {
    if (mapped[1]) return isPrivateIpv4(mapped[1]);
    const high = Number.parseInt(mapped[2] ?? '0', 16);
    const low = Number.parseInt(mapped[3] ?? '0', 16);
    return isPrivateIpv4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  const first = Number.parseInt(address.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}
