import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  type RunningServer,
  startServer,
  TEST_SERVER_LOAD_SETTINGS,
  tempDataDir,
} from '../tests/support/server.ts';

const DepartementBody = z.object({
  centres: z.array(
    z.object({
      id: z.string(),
      booking_link: z.string().nullable(),
      availability: z.object({ checked_at: z.string().nullable() }),
    }),
  ),
});
export type DepartementBody = z.infer<typeof DepartementBody>;

/**
 * `npm start` as a visitor meets it: the built server on an empty data directory (the demo registry),
 * its poller and embedded simulator running, first polls spread over one second instead of sixty.
 */
export async function startCreneau(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const dataDir = tempDataDir('creneau-bench-');
  const config = path.join(dataDir, 'creneau.config.json');
  writeFileSync(config, JSON.stringify({ poller: { initial_spread_s: 1 } }));
  return startServer({ dataDir, env: { ...env, CRENEAU_CONFIG: config } });
}

/**
 * The overload settings `npm start` runs with: test servers move them out of reach
 * (tests/support/server.ts), a benchmark of overload must not. An empty value is the default.
 */
export const SHIPPED_LOAD_SETTINGS: NodeJS.ProcessEnv = Object.fromEntries(
  Object.keys(TEST_SERVER_LOAD_SETTINGS).map((key) => [key, '']),
);

/** Resolves once every centre of the département has been checked, so the bytes measured carry availability. */
export async function waitForFirstPolls(
  url: string,
  code: string,
  timeoutMs = 60_000,
): Promise<DepartementBody> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // A busy start-up may shed (503) or answer something else for a moment: asked again, not failed.
    const response = await fetch(`${url}/api/v1/departements/${code}`);
    const parsed = DepartementBody.safeParse(response.ok ? await response.json() : null);
    const body = parsed.success ? parsed.data : null;
    if (body && body.centres.length > 0 && body.centres.every((c) => c.availability.checked_at !== null))
      return body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `the poller did not check every centre of département ${code} within ${timeoutMs / 1000} s`,
  );
}
