import { http, passthrough } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdapters } from '../../src/adapters/registry.ts';
import { readEnvOverrides } from '../../src/config/env-overrides.ts';
import { builtinPlatforms, createManifest } from '../../src/platforms/manifest.ts';
import { simulatorEnv } from '../../src/simulator/env.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import acme from '../fixtures/acme/platform.ts';
import { makeCentre, type World } from '../fixtures/world.ts';
import { runAdapterContract } from './contract.ts';

// The one manifest line a new platform takes, here in a manifest the test extends.
const manifest = createManifest([...builtinPlatforms, acme]);

let world: World = { zone: 'Europe/Paris', slots: [] };
let sim: Simulator<(typeof manifest.names)[number]>;
// Read by the contract on every check, so it may learn the simulator's port once it listens.
const settings = { base_url: 'http://127.0.0.1:9' };

beforeAll(async () => {
  sim = await startSimulator({
    centres: [],
    seed: 'test',
    platforms: manifest.platforms,
    options: { acme: { world: () => world } },
  });
  settings.base_url = sim.urls.acme;
});
afterAll(() => sim.close());

const centre = makeCentre({
  id: 'acme-1',
  // `booking.platform` is a closed enum of the built-in manifest: a test platform's centres read `other`.
  booking: { url: 'https://rdv.acme.test/centres/c-42', platform: 'other' },
});
// Loaded from the platform's folder the way the poller loads the built-in ones.
const [adapter] = await loadAdapters([acme]);
if (!adapter) throw new Error('acme has no adapter');

runAdapterContract({
  adapter,
  scenarios: {
    centre,
    phoneOnly: true,
    settings,
    // The world goes to the simulator; requests reach it over real HTTP (msw only injects faults).
    serve(next) {
      world = next;
      return [http.all(`${settings.base_url}/*`, () => passthrough())];
    },
  },
});

describe('a platform added by one folder and one manifest line', () => {
  it('gets its name, host, config key, variables and simulator from the manifest', () => {
    expect(manifest.names).toEqual(['doctolib', 'maiia', 'keldoc', 'smart', 'acme']);
    expect(manifest.ofHost('rdv.acme.test')?.name).toBe('acme');
    expect(acme.parseBookingLink(centre.booking.url ?? '')).toEqual({ centreId: 'c-42' });
    expect(acme.parseBookingLink('https://acme.example/centres/c-42')).toBeNull();
    const env = readEnvOverrides({ CRENEAU_ACME_CONCURRENCY: '3' }, manifest.platforms);
    expect(env.providers).toEqual({ acme: { concurrency: 3 } });
    expect(simulatorEnv(sim.urls, manifest.platforms).CRENEAU_ACME_BASE_URL).toBe(sim.urls.acme);
  });
});
