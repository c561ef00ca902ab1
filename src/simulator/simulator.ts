import type { Platform } from '../platforms/define-platform.ts';
import { loadPlatformPart } from '../platforms/load-platform.ts';
import { builtinPlatforms } from '../platforms/manifest.ts';
import type { Centre } from '../registry/centre.ts';
import type { FaultSpec, FaultSpecInput } from './faults.ts';
import {
  isSimulatorDefinition,
  type ProviderApi,
  type SimProvider,
  type SimulatorDefinition,
} from './http-types.ts';
import { type ProviderServer, startProviderServer } from './server.ts';

export interface SimulatorOptions<N extends string = SimProvider> {
  /** The registry's centres; each provider serves those whose booking URL is on its platform. */
  centres: readonly Centre[];
  /** Same seed, same instant: same answers, byte for byte. */
  seed?: string;
  /** The simulated instant; tests freeze or advance it. Defaults to the real time. */
  clock?: () => Date;
  host?: string;
  /** Port per provider; 0 (the default) lets the system choose. */
  ports?: Partial<Record<NoInfer<N>, number>>;
  /** Each platform's own options (`smart: { publishEverySeconds }`), handed to its simulator. */
  options?: Partial<Record<NoInfer<N>, unknown>>;
  /** The platforms to simulate: the manifest's by default; a test adds its own. */
  platforms?: readonly Platform<N>[];
}

export interface SimulatorFaults<N extends string = SimProvider> {
  /** Replaces the provider's faults; resolves once applied (a `refused` outage has closed the port). */
  set(provider: N, spec: FaultSpecInput): Promise<void>;
  /** Clears one provider's faults, or every provider's. */
  clear(provider?: N): Promise<void>;
  get(provider: N): { spec: FaultSpec; downUntil: string | null };
}

export interface Simulator<N extends string = SimProvider> {
  /** Base URL of each simulated provider, e.g. `http://127.0.0.1:43121`, to use as its `base_url`. */
  urls: Record<N, string>;
  faults: SimulatorFaults<N>;
  /** Serves another registry (after an import) on the same ports. */
  setCentres(centres: readonly Centre[]): void;
  /** Ends outages that the clock has passed now, instead of within the next 100 ms. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_SEED = 'creneau';

/** Loads each platform's simulator module (`src/adapters/<name>/simulator.ts`). */
export async function loadSimulators<N extends string>(
  platforms: readonly Platform<N>[],
): Promise<Record<N, SimulatorDefinition>> {
  const loaded = {} as Record<N, SimulatorDefinition>;
  for (const platform of platforms) {
    const simulator = await loadPlatformPart(platform, 'simulator');
    if (!isSimulatorDefinition(simulator) || simulator.name !== platform.name)
      throw new Error(
        `the simulator of ${platform.name} must export default defineSimulator({ name: '${platform.name}', … })`,
      );
    loaded[platform.name] = simulator;
  }
  return loaded;
}

export async function startSimulator<N extends string = SimProvider>(
  options: SimulatorOptions<N>,
): Promise<Simulator<N>> {
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = options.clock ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const platforms =
    options.platforms ?? (builtinPlatforms as readonly Platform<string>[] as readonly Platform<N>[]);
  const names = platforms.map((p) => p.name);
  const simulators = await loadSimulators(platforms);
  const createApis = (centres: readonly Centre[]) =>
    Object.fromEntries(
      names.map((name) => [name, simulators[name].createApi(centres, seed, options.options?.[name])]),
    ) as Record<N, ProviderApi>;
  const apis = createApis(options.centres);
  const servers = {} as Record<N, ProviderServer>;
  try {
    for (const provider of names) {
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
    await Promise.all(Object.values<ProviderServer>(servers).map((s) => s.close()));
    throw error;
  }
  const urls = Object.fromEntries(names.map((p) => [p, servers[p].url])) as Record<N, string>;

  return {
    urls,
    faults: {
      set: (provider, spec) => servers[provider].setFaults(spec),
      async clear(provider) {
        await Promise.all((provider ? [provider] : names).map((p) => servers[p].clearFaults()));
      },
      get: (provider) => servers[provider].faults(),
    },
    setCentres(centres) {
      const next = createApis(centres);
      for (const provider of names) servers[provider].setApi(next[provider]);
    },
    async refresh() {
      await Promise.all(names.map((p) => servers[p].refresh()));
    },
    async close() {
      await Promise.all(names.map((p) => servers[p].close()));
    },
  };
}
