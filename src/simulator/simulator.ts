import type { Centre } from '../registry/centre.ts';
import { createDoctolibApi } from './doctolib.ts';
import type { FaultSpec, FaultSpecInput } from './faults.ts';
import { type ProviderApi, SIM_PROVIDERS, type SimProvider } from './http-types.ts';
import { createKeldocApi } from './keldoc.ts';
import { createMaiiaApi } from './maiia.ts';
import { type ProviderServer, startProviderServer } from './server.ts';
import { createSmartApi, type SmartOptions } from './smart.ts';

export interface SimulatorOptions {
  /** The registry's centres; each provider serves those whose booking URL is on its platform. */
  centres: readonly Centre[];
  /** Same seed, same instant: same answers, byte for byte. */
  seed?: string;
  /** The simulated instant; tests freeze or advance it. Defaults to the real time. */
  clock?: () => Date;
  host?: string;
  /** Port per provider; 0 (the default) lets the system choose. */
  ports?: Partial<Record<SimProvider, number>>;
  smart?: SmartOptions;
}

export interface SimulatorFaults {
  /** Replaces the provider's faults; resolves once applied (a `refused` outage has closed the port). */
  set(provider: SimProvider, spec: FaultSpecInput): Promise<void>;
  /** Clears one provider's faults, or every provider's. */
  clear(provider?: SimProvider): Promise<void>;
  get(provider: SimProvider): { spec: FaultSpec; downUntil: string | null };
}

export interface Simulator {
  /** Base URL of each simulated provider, e.g. `http://127.0.0.1:43121`, to use as its `base_url`. */
  urls: Record<SimProvider, string>;
  faults: SimulatorFaults;
  /** Serves another registry (after an import) on the same ports. */
  setCentres(centres: readonly Centre[]): void;
  /** Ends outages that the clock has passed now, instead of within the next 100 ms. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_SEED = 'creneau';

function createApis(
  centres: readonly Centre[],
  seed: string,
  smart: SmartOptions,
): Record<SimProvider, ProviderApi> {
  return {
    doctolib: createDoctolibApi(centres, seed),
    maiia: createMaiiaApi(centres, seed),
    keldoc: createKeldocApi(centres, seed),
    smart: createSmartApi(centres, seed, smart),
  };
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = options.clock ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const smart = options.smart ?? {};
  const apis = createApis(options.centres, seed, smart);
  const servers = {} as Record<SimProvider, ProviderServer>;
  try {
    for (const provider of SIM_PROVIDERS) {
      servers[provider] = await startProviderServer({
        provider,
        api: apis[provider],
        seed,
        clock,
        host,
        port: options.ports?.[provider] ?? 0,
      });
    }
  } catch (error) {
    await Promise.all(Object.values(servers).map((s) => s.close()));
    throw error;
  }
  const urls = Object.fromEntries(SIM_PROVIDERS.map((p) => [p, servers[p].url])) as Record<
    SimProvider,
    string
  >;

  return {
    urls,
    faults: {
      set: (provider, spec) => servers[provider].setFaults(spec),
      async clear(provider) {
        await Promise.all((provider ? [provider] : SIM_PROVIDERS).map((p) => servers[p].clearFaults()));
      },
      get: (provider) => servers[provider].faults(),
    },
    setCentres(centres) {
      const next = createApis(centres, seed, smart);
      for (const provider of SIM_PROVIDERS) servers[provider].setApi(next[provider]);
    },
    async refresh() {
      await Promise.all(SIM_PROVIDERS.map((p) => servers[p].refresh()));
    },
    async close() {
      await Promise.all(SIM_PROVIDERS.map((p) => servers[p].close()));
    },
  };
}
