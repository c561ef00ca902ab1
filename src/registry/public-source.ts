/**
 * Where the registry came from, as the public may read it (`/healthz`, every `/api/v1` registry
 * block): a URL without its query, fragment or credentials (an export link's token lives there),
 * a local file by its name only (the data directory's layout is the operator's business).
 */
export function publicRegistrySource(source: string): string {
  if (source === 'demo') return source;
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? URL.parse(source) : null;
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) {
    return `${url.protocol}//${url.host}${url.pathname}`;
  }
  if (url) return url.protocol.replace(/:$/, '');
  const name = source.split(/[\\/]/).pop() ?? '';
  return name.replace(/[?#].*$/, '') || 'file';
}
