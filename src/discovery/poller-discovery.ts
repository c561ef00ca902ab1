import type { Logger } from 'pino';
import type { PollerDiscovery } from '../poller/poller.ts';
import type { Centre } from '../registry/centre.ts';
import { discoveryDepartements } from './departements.ts';
import type { DiscoverySettings } from './discovery-settings.ts';
import { overrideWriter, withOverrides } from './operator-overrides.ts';
import { openProposalStore } from './proposal-store.ts';
import { runDiscovery } from './run-discovery.ts';

const HOUR_MS = 3_600_000;

/**
 * The poller's slow discovery schedule (`discovery.every_hours`): every département, through the
 * poller's own lanes, proposals in the data directory; null when the schedule is off (0).
 */
export function pollerDiscovery(options: {
  settings: DiscoverySettings;
  centres: readonly Centre[];
  dataDir: string;
  logger: Logger;
}): PollerDiscovery | null {
  const { settings, dataDir, logger } = options;
  if (settings.every_hours <= 0) return null;
  return {
    everyMs: settings.every_hours * HOUR_MS,
    async run(contextFor) {
      const applyAccepted = settings.auto_accept_identifier_matches
        ? await overrideWriter(dataDir, logger)
        : null;
      await runDiscovery({
        centres: await withOverrides(options.centres, dataDir),
        departements: discoveryDepartements(),
        store: openProposalStore(dataDir),
        contextFor,
        logger,
        autoAcceptIdentifierMatches: settings.auto_accept_identifier_matches,
        ...(applyAccepted ? { applyAccepted } : {}),
      });
    },
  };
}
