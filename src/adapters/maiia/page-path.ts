import { decodedComponent } from '../../platforms/define-platform.ts';

/**
 * A Maiia page path as links and Maiia's listing of centres compare it: decoded, lower-cased, no
 * trailing slash. The link resolver and the simulator's listing both key on it.
 */
export function maiiaPagePath(url: URL | string): string {
  const path = typeof url === 'string' ? url : url.pathname;
  return decodedComponent(path).toLowerCase().replace(/\/+$/, '');
}
