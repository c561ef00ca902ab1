import type { SimProvider } from './http-types.ts';

/** The `CRENEAU_<PROVIDER>_BASE_URL` variables that point the adapters at a running simulator. */
export function simulatorEnv(urls: Record<SimProvider, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(urls).map(([provider, url]) => [`CRENEAU_${provider.toUpperCase()}_BASE_URL`, url]),
  );
}
