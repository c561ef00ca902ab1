import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import { PLATFORM_NAMES, type PlatformName } from '../platforms/manifest.ts';
import type { Wire } from '../platforms/wire.ts';
import type { Centre } from '../registry/centre.ts';

/** Every platform of the manifest has its simulated API. */
export type SimProvider = PlatformName;
export const SIM_PROVIDERS: readonly SimProvider[] = PLATFORM_NAMES;

export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
}

export type SimBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'ndjson'; lines: unknown[]; contentType: string }
  /**
   * NDJSON generated line by line as it is written, never held whole (a SMART slot file of 100,000
   * centres is hundreds of megabytes): `lines()` starts a new pass each time it is called.
   */
  | { kind: 'ndjson-stream'; lines: () => Iterable<unknown>; contentType: string }
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

/** Builds a platform's API over the registry's centres; `options` are its own (`options.<name>`). */
export type ProviderApiFactory = (centres: readonly Centre[], seed: string, options?: unknown) => ProviderApi;

const SIMULATOR = Symbol.for('creneau.simulator');

/** What `src/adapters/<name>/simulator.ts` exports by default. */
export interface SimulatorDefinition {
  readonly name: string;
  readonly createApi: ProviderApiFactory;
  readonly [SIMULATOR]: true;
}

export function defineSimulator(definition: {
  name: string;
  createApi: ProviderApiFactory;
}): SimulatorDefinition {
  return { ...definition, [SIMULATOR]: true };
}

export function isSimulatorDefinition(value: unknown): value is SimulatorDefinition {
  return typeof value === 'object' && value !== null && (value as SimulatorDefinition)[SIMULATOR] === true;
}

/**
 * A 200 in the platform's wire format: typed by the adapter's own schema (`Wire`: what the adapter
 * reads, plus what the real API also sends), so the simulator and the adapter cannot drift apart.
 */
export function wireJson<S extends z.ZodType>(_schema: S, value: Wire<S>): SimResponse {
  return json(200, value);
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
