import type { IncomingHttpHeaders } from 'node:http';

export type SimProvider = 'doctolib' | 'maiia' | 'keldoc' | 'smart';
export const SIM_PROVIDERS: readonly SimProvider[] = ['doctolib', 'maiia', 'keldoc', 'smart'];

export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
}

export type SimBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'ndjson'; lines: unknown[]; contentType: string }
  | { kind: 'text'; text: string; contentType: string }
  | { kind: 'empty' };

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: SimBody;
}

/** One provider's API: answers a request at the simulated instant `now`. */
export interface ProviderApi {
  handle(request: SimRequest, now: number): SimResponse;
  /** Keys the adapter needs, renamed (or removed) when schema drift is injected. */
  driftRenames: Readonly<Record<string, string>>;
  /** What the API serves, for `GET /__sim/centres`: each centre and the ids the API knows it by. */
  describe(): unknown[];
}

export function json(status: number, value: unknown, headers?: Record<string, string>): SimResponse {
  return headers
    ? { status, headers, body: { kind: 'json', value } }
    : { status, body: { kind: 'json', value } };
}

/** Repeated query parameters, also in their `dash-joined` form (`agenda_ids=1-2-3`). */
export function idList(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split('-'))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}
