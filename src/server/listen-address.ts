import type { AddressInfo } from 'node:net';

/**
 * Where a server really listens (`0.0.0.0:4321`, `127.0.0.1:41234` for port 0, `[::1]:4321`), and a
 * URL that reaches it: a wildcard address is reached at localhost.
 */
export function listenAddress(bound: AddressInfo): { address: string; url: string } {
  const host = bound.address.includes(':') ? `[${bound.address}]` : bound.address;
  const wildcard = bound.address === '0.0.0.0' || bound.address === '::';
  return {
    address: `${host}:${bound.port}`,
    url: `http://${wildcard ? 'localhost' : host}:${bound.port}`,
  };
}
