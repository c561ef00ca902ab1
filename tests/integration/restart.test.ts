import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

interface CentreJson {
  id: string;
  availability: {
    status: string;
    slot_count: number;
    valid_at: string | null;
    age_s: number | null;
    error: unknown;
  };
}

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function departement(server: RunningServer): Promise<CentreJson[]> {
  const response = await fetch(`${server.url}/api/v1/departements/75`);
  return ((await response.json()) as { centres: CentreJson[] }).centres;
}

describe('restart', () => {
  it('serves the last-known availability at once, with its age, when the providers are gone', async () => {
    const dataDir = tempDataDir();
    const config = path.join(dataDir, 'creneau.config.json');
    writeFileSync(config, JSON.stringify({ poller: { initial_spread_s: 1 } }));

    const first = await startServer({ dataDir, env: { CRENEAU_CONFIG: config } });
    servers.push(first);
    const deadline = Date.now() + 60_000;
    let before: CentreJson[] = [];
    while (Date.now() < deadline) {
      before = await departement(first);
      if (before.every((c) => c.availability.valid_at !== null)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(before.every((c) => c.availability.valid_at !== null)).toBe(true);
    await first.stop();
    expect(existsSync(path.join(dataDir, 'cache-snapshot.json'))).toBe(true);

    // Second start: no simulator, every provider pointed at a closed port, as if all were down.
    const down = 'http://127.0.0.1:9';
    const second = await startServer({
      dataDir,
      env: {
        ...OPERATOR_PUBLIC_URL,
        CRENEAU_CONFIG: config,
        CRENEAU_SIMULATOR: 'off',
        CRENEAU_DOCTOLIB_BASE_URL: down,
        CRENEAU_MAIIA_BASE_URL: down,
        CRENEAU_KELDOC_BASE_URL: down,
        CRENEAU_SMART_BASE_URL: down,
      },
    });
    servers.push(second);
    const after = await departement(second);
    const byId = new Map(after.map((c) => [c.id, c]));
    for (const centre of before) {
      const restored = byId.get(centre.id);
      expect(restored?.availability.status).toBe(centre.availability.status);
      expect(restored?.availability.slot_count).toBe(centre.availability.slot_count);
      expect(restored?.availability.valid_at).toBe(centre.availability.valid_at);
      expect(restored?.availability.age_s).toBeGreaterThanOrEqual(1);
    }
  }, 240_000);
});
