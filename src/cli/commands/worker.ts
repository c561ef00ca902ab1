import { parseArgs } from 'node:util';
import { openPollingFor } from '../../app/open-polling.ts';
import { installShutdown } from '../../poller/shutdown.ts';
import { logger } from '../../shared/logger.ts';
import type { CliCommand } from '../main.ts';

const USAGE = 'creneau worker';

async function run(args: string[]): Promise<number> {
  try {
    parseArgs({ args, options: {}, allowPositionals: false });
  } catch (error) {
    process.stderr.write(
      `creneau worker: ${error instanceof Error ? error.message : String(error)}\nUsage: ${USAGE}\n`,
    );
    return 2;
  }
  const polling = await openPollingFor('worker');
  if (polling === 1) return 1;
  const { poller, cache, embedded } = polling;
  const stopped = new Promise<number>((resolve) => {
    installShutdown(poller, {
      also: async () => {
        await cache.close();
        await embedded.close();
      },
      exit: (code) => resolve(code),
    });
  });
  await poller.start();
  logger.info(
    {
      centres: polling.centres.length,
      cache: cache.name,
      shared: cache.shared,
      leader: poller.isLeader(),
      simulated: embedded.simulated,
    },
    cache.lease ? 'worker started: polls while it holds the lease' : 'worker started: polling',
  );
  return stopped;
}

export const command: CliCommand = {
  summary:
    'Run the poller alone, forever, writing to the shared cache (for deployments that separate it from the web).',
  usage: `${USAGE}\n\nUses the same configuration as \`npm start\`: creneau.config.json, CRENEAU_* variables, CRENEAU_CACHE=redis\nwith CRENEAU_REDIS_URL to share the cache (then only the instance holding the lease polls).\nSIGTERM or SIGINT stop it cleanly: requests in flight are aborted, the cache is flushed.`,
  run,
};
