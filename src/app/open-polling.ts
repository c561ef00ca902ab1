import type { Logger } from 'pino';
import type { CacheDriver } from '../cache/cache.ts';
import { CacheConfigError, cacheConfigFromEnv, createCache } from '../cache/create-cache.ts';
import type { CreneauConfig } from '../config/creneau-config.ts';
import { dataDir } from '../config/data-dir.ts';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { pollerDiscovery } from '../discovery/poller-discovery.ts';
import { getGazetteer } from '../places/gazetteer.ts';
import { createPoller, type Poller } from '../poller/poller.ts';
import type { Centre } from '../registry/centre.ts';
import { loadRegistry } from '../registry/load-registry.ts';
import { logger as appLogger } from '../shared/logger.ts';
import { type EmbeddedProviders, SimulatorModeError, startEmbeddedProviders } from '../simulator/embedded.ts';

export interface Polling {
  poller: Poller;
  cache: CacheDriver;
  centres: readonly Centre[];
  config: CreneauConfig;
  /** Providers pointed at the in-process simulator (none when every provider is configured). */
  embedded: EmbeddedProviders;
  /** Stops the poller (aborting requests, flushing the cache), then closes the cache and the simulator. */
  close(): Promise<void>;
}

export interface OpenPollingOptions {
  env?: NodeJS.ProcessEnv;
  /** The registry's centres; default: the imported registry, else the demo one. */
  centres?: readonly Centre[];
  /** A cache opened elsewhere (the server's); default: `createCache` from the environment. */
  cache?: CacheDriver;
  logger?: Logger;
}

/**
 * Everything a poller needs, from the configuration: the config file and variables (ConfigError when
 * wrong), the registry, the embedded simulator for providers nobody configured, and the cache.
 */
export async function openPolling(options: OpenPollingOptions = {}): Promise<Polling> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? appLogger;
  const config = await loadConfig({ env });
  const cacheConfig = options.cache ? null : cacheConfigFromEnv(env);
  const centres = options.centres ?? (await loadRegistry(getGazetteer())).centres;
  const embedded = await startEmbeddedProviders(centres, config, { env });
  let cache: CacheDriver;
  try {
    cache = options.cache ?? (await createCache(cacheConfig ?? undefined, { logger }));
  } catch (error) {
    await embedded.close();
    throw error;
  }
  const discovery = pollerDiscovery({ settings: config.discovery, centres, dataDir: dataDir(env), logger });
  const poller = createPoller({
    centres,
    providers: embedded.providers,
    cache,
    config: config.poller,
    logger,
    ...(discovery ? { discovery } : {}),
  });
  const ownsCache = !options.cache;
  return {
    poller,
    cache,
    centres,
    config,
    embedded,
    async close() {
      await poller.stop();
      if (ownsCache) await cache.close();
      await embedded.close();
    },
  };
}

/** A configuration the command cannot start with: said in a sentence, not a stack trace. */
export function configProblem(error: unknown): string | null {
  if (
    error instanceof ConfigError ||
    error instanceof CacheConfigError ||
    error instanceof SimulatorModeError
  )
    return error.message;
  return null;
}

/** `openPolling` for a command: a configuration problem is said on stderr (exit code 1), not thrown. */
export async function openPollingFor(
  command: string,
  options: OpenPollingOptions = {},
): Promise<Polling | 1> {
  try {
    return await openPolling(options);
  } catch (error) {
    const problem = configProblem(error);
    if (problem === null) throw error;
    process.stderr.write(`creneau ${command}: ${problem}\n`);
    return 1;
  }
}
