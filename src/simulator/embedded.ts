import { type CreneauConfig, PROVIDER_NAMES, type ProviderName } from '../config/creneau-config.ts';
import type { ProviderSettings } from '../config/provider-settings.ts';
import { manifest } from '../platforms/manifest.ts';
import type { Centre } from '../registry/centre.ts';
import { type Simulator, startSimulator } from './simulator.ts';

/**
 * The embedded default of `npm start` and `creneau check`: providers whose `base_url` nobody configured
 * talk to a simulator started in-process on the registry's centres; a configured `base_url` (a real
 * provider, a partner host) is kept. `CRENEAU_SIMULATOR=off` never starts it: unconfigured providers then
 * use their adapter's real host.
 */

export type SimulatorMode = 'auto' | 'off';

export interface ProviderPlan {
  mode: SimulatorMode;
  /** Enabled providers without a configured `base_url` that serve at least one centre. */
  simulated: ProviderName[];
  /** True when the simulator must run: some provider is simulated and the mode allows it. */
  needsSimulator: boolean;
}

export interface EmbeddedProviders {
  /** Null when no provider needs it (all configured, none with centres, or `CRENEAU_SIMULATOR=off`). */
  simulator: Simulator | null;
  /**
   * Every provider's settings; `base_url` is set for the simulated ones. It stays undefined only for
   * providers left to their adapter's real host (`createAdapterContext` fills it in).
   */
  providers: Record<ProviderName, ProviderSettings>;
  /** Which providers point at the simulator. */
  simulated: ProviderName[];
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  seed?: string;
  clock?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Consider only these providers (`creneau check` needs one); default all. */
  only?: readonly ProviderName[];
}

/** Floor of the pace at which the embedded simulator is polled. */
export const SIMULATOR_RATE_LIMIT = { requests: 100, per_seconds: 1 } as const;
export const SIMULATOR_CONCURRENCY = 8;

function fasterOf(
  a: ProviderSettings['rate_limit'],
  b: ProviderSettings['rate_limit'],
): ProviderSettings['rate_limit'] {
  return a.requests / a.per_seconds >= b.requests / b.per_seconds ? a : { ...b };
}

export class SimulatorModeError extends Error {
  override name = 'SimulatorModeError';
}

/** `CRENEAU_SIMULATOR`: unset, empty, `auto` or `on` start it when needed; `off` (or false/0/no) never. */
export function simulatorMode(env: NodeJS.ProcessEnv = process.env): SimulatorMode {
  const value = env.CRENEAU_SIMULATOR?.trim().toLowerCase() ?? '';
  if (['', 'auto', 'on', 'true', '1', 'yes'].includes(value)) return 'auto';
  if (['off', 'false', '0', 'no'].includes(value)) return 'off';
  throw new SimulatorModeError(`CRENEAU_SIMULATOR="${env.CRENEAU_SIMULATOR}": must be auto or off`);
}

/**
 * Whether the simulator would serve this centre on that provider's API (same split as the simulators'):
 * a booking platform its own centres, a feed the centres booking on their own sites.
 */
function servedBy(provider: ProviderName, centre: Centre): boolean {
  if (!centre.booking.url) return false;
  const kind = manifest.named(provider)?.kind;
  return kind === 'feed' ? centre.booking.platform === 'other' : centre.booking.platform === provider;
}

export function resolveProviders(
  config: CreneauConfig,
  centres: readonly Centre[],
  env: NodeJS.ProcessEnv = process.env,
  only: readonly ProviderName[] = PROVIDER_NAMES,
): ProviderPlan {
  const mode = simulatorMode(env);
  const simulated =
    mode === 'off'
      ? []
      : PROVIDER_NAMES.filter((name) => {
          if (!only.includes(name)) return false;
          const settings = config.providers[name];
          return (
            settings.enabled &&
            settings.base_url === undefined &&
            centres.some((centre) => servedBy(name, centre))
          );
        });
  return { mode, simulated, needsSimulator: simulated.length > 0 };
}

export async function startEmbeddedProviders(
  centres: readonly Centre[],
  config: CreneauConfig,
  options: EmbeddedOptions = {},
): Promise<EmbeddedProviders> {
  const plan = resolveProviders(config, centres, options.env, options.only);
  const providers = { ...config.providers };
  if (!plan.needsSimulator) {
    return { simulator: null, providers, simulated: [], close: async () => {} };
  }
  const simulator = await startSimulator({
    centres,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  for (const name of plan.simulated) {
    const settings = providers[name];
    providers[name] = {
      ...settings,
      base_url: simulator.urls[name],
      // The simulator listens on loopback: the one place its feed's URLs may point there (docs/SECURITY.md).
      allow_private_addresses: true,
      // The simulator runs in this process and protects nobody: polling it at a real provider's
      // polite pace would leave the demo half-empty for minutes. Never slower than configured.
      rate_limit: fasterOf(settings.rate_limit, SIMULATOR_RATE_LIMIT),
      concurrency: Math.max(settings.concurrency, SIMULATOR_CONCURRENCY),
    };
  }
  return { simulator, providers, simulated: plan.simulated, close: () => simulator.close() };
}
