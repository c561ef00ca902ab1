import { afterEach, describe, expect, it } from 'vitest';
import type { CreneauConfig } from '../../src/config/creneau-config.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import {
  type EmbeddedProviders,
  resolveProviders,
  SIMULATOR_CONCURRENCY,
  SIMULATOR_RATE_LIMIT,
  SimulatorModeError,
  startEmbeddedProviders,
} from '../../src/simulator/embedded.ts';
import { CENTRES } from '../fixtures/simulator/centres.ts';

async function configFrom(env: NodeJS.ProcessEnv): Promise<CreneauConfig> {
  // A path that does not exist with no CRENEAU_CONFIG: defaults and `env` only.
  return loadConfig({ env, cwd: '/nonexistent-creneau-dir' });
}

const doctolibOnly = CENTRES.filter((c) => c.booking.platform === 'doctolib');

describe('resolveProviders', () => {
  it('simulates every enabled provider that has centres and no configured base_url', async () => {
    const plan = resolveProviders(await configFrom({}), CENTRES, {});
    expect(plan).toEqual({
      mode: 'auto',
      simulated: ['doctolib', 'maiia', 'keldoc', 'smart'],
      needsSimulator: true,
    });
  });

  it('keeps a configured base_url and skips disabled providers', async () => {
    const config = await configFrom({
      CRENEAU_DOCTOLIB_BASE_URL: 'https://partners.doctolib.fr',
      CRENEAU_MAIIA_ENABLED: 'false',
    });
    expect(resolveProviders(config, CENTRES, {}).simulated).toEqual(['keldoc', 'smart']);
  });

  it('does not need the simulator for providers that have no centre in the registry', async () => {
    const plan = resolveProviders(await configFrom({}), doctolibOnly, {});
    expect(plan.simulated).toEqual(['doctolib']);
    const none = resolveProviders(
      await configFrom({ CRENEAU_DOCTOLIB_BASE_URL: 'http://partner.example' }),
      doctolibOnly,
      {},
    );
    expect(none.needsSimulator).toBe(false);
  });

  it('considers only the providers asked for', async () => {
    expect(resolveProviders(await configFrom({}), CENTRES, {}, ['maiia']).simulated).toEqual(['maiia']);
  });

  it('never simulates with CRENEAU_SIMULATOR=off, and rejects an unknown mode', async () => {
    const config = await configFrom({});
    expect(resolveProviders(config, CENTRES, { CRENEAU_SIMULATOR: 'off' })).toEqual({
      mode: 'off',
      simulated: [],
      needsSimulator: false,
    });
    expect(() => resolveProviders(config, CENTRES, { CRENEAU_SIMULATOR: 'sometimes' })).toThrow(
      SimulatorModeError,
    );
  });
});

describe('startEmbeddedProviders', () => {
  let embedded: EmbeddedProviders | undefined;
  afterEach(async () => {
    await embedded?.close();
    embedded = undefined;
  });

  it('points unconfigured providers at a running simulator and keeps configured ones', async () => {
    const config = await configFrom({ CRENEAU_KELDOC_BASE_URL: 'https://partner.keldoc.example' });
    embedded = await startEmbeddedProviders(CENTRES, config, {
      seed: 'test',
      clock: () => new Date('2021-04-20T08:00:00Z'),
      env: {},
    });
    const { simulator, providers } = embedded;
    expect(simulator).not.toBeNull();
    expect(providers.keldoc.base_url).toBe('https://partner.keldoc.example');
    expect(embedded.simulated).toEqual(['doctolib', 'maiia', 'smart']);
    for (const name of embedded.simulated) expect(providers[name].base_url).toBe(simulator?.urls[name]);
    // The simulator really answers there, with the registry's centres.
    const response = await fetch(`${providers.doctolib.base_url}/__sim/centres`);
    expect(response.status).toBe(200);
    const listed = JSON.stringify(await response.json());
    for (const centre of doctolibOnly) expect(listed).toContain(centre.id);
    // The local simulator is polled at least at its own pace; a configured provider keeps its settings.
    expect(providers.doctolib.rate_limit).toEqual(SIMULATOR_RATE_LIMIT);
    expect(providers.doctolib.concurrency).toBe(SIMULATOR_CONCURRENCY);
    expect(providers.doctolib.horizon_days).toBe(config.providers.doctolib.horizon_days);
    expect(providers.keldoc.rate_limit).toEqual(config.providers.keldoc.rate_limit);
  });

  it('starts nothing when every provider with centres is configured, and closes cleanly', async () => {
    const config = await configFrom({ CRENEAU_DOCTOLIB_BASE_URL: 'http://partner.example' });
    embedded = await startEmbeddedProviders(doctolibOnly, config, { env: {} });
    expect(embedded.simulator).toBeNull();
    expect(embedded.providers.doctolib.base_url).toBe('http://partner.example');
    expect(embedded.providers.maiia.base_url).toBeUndefined();
  });

  it('stops serving once closed', async () => {
    embedded = await startEmbeddedProviders(doctolibOnly, await configFrom({}), { env: {} });
    const url = embedded.providers.doctolib.base_url;
    await embedded.close();
    embedded = undefined;
    await expect(fetch(`${url}/__sim/centres`)).rejects.toThrow();
  });
});
