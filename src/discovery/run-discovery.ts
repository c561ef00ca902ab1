import type { Logger } from 'pino';
import type { AdapterContext } from '../adapters/context.ts';
import { ProviderError } from '../adapters/errors.ts';
import type { Platform } from '../platforms/define-platform.ts';
import { loadPlatformPart } from '../platforms/load-platform.ts';
import { manifest } from '../platforms/manifest.ts';
import type { Centre } from '../registry/centre.ts';
import { logger as appLogger } from '../shared/logger.ts';
import { isDiscovery, type PlatformDiscovery } from './define-discovery.ts';
import type { DiscoveryDepartement } from './departements.ts';
import { findingsOf, type LinkReaders, matchListed } from './match.ts';
import type { Proposal } from './proposal.ts';
import type { ProposalStore } from './proposal-store.ts';

/** The platforms whose folder has a `discover.ts` (`discovers: true` in their platform.ts). */
export function discoveringPlatforms(platforms: readonly Platform[] = manifest.platforms): Platform[] {
  return platforms.filter((p) => p.discovers === true);
}

/** Loads each discovering platform's `discover.ts`, checking it is the one declared. */
export async function loadDiscoveries(platforms: readonly Platform[] = discoveringPlatforms()) {
  return Promise.all(
    platforms.map(async (platform) => {
      const discovery = await loadPlatformPart(platform, 'discover');
      if (!isDiscovery(discovery) || discovery.name !== platform.name)
        throw new Error(
          `the discovery of ${platform.name} must export default defineDiscovery({ name: '${platform.name}', … })`,
        );
      return discovery;
    }),
  );
}

export interface PlatformDiscoveryReport {
  platform: string;
  /** Centres the platform listed in the départements asked. */
  listed: number;
  /** Of those, how many are registry centres (by identifier, or by name and place). */
  matched: number;
  new_centres: number;
  links: number;
  platform_ids: number;
  /** Why the listing failed (the others still ran), or null. */
  error: string | null;
}

export interface DiscoveryReport {
  started_at: string;
  departements: string[];
  platforms: PlatformDiscoveryReport[];
  /** Proposals this run made for the first time. */
  added: Proposal[];
  /** Findings already proposed by an earlier run. */
  seen: number;
  /** Proposals accepted by `discovery.auto_accept_identifier_matches`. */
  auto_accepted: Proposal[];
}

export interface RunDiscoveryOptions {
  centres: readonly Centre[];
  departements: readonly DiscoveryDepartement[];
  store: ProposalStore;
  /** The context each platform's requests go through: the poller's lane (its rate limit), or the command's. */
  contextFor(platform: string): AdapterContext | undefined;
  now?: () => Date;
  /** Accept at once proposals that fill a link or id of a registry centre named by identifier. */
  autoAcceptIdentifierMatches?: boolean;
  /** Writes an accepted proposal as an override (H3's store); without it, the proposal stays accepted only. */
  applyAccepted?: (proposal: Proposal) => Promise<void>;
  discoveries?: readonly PlatformDiscovery[];
  logger?: Logger;
}

/**
 * One discovery run: each platform's listing of the départements, matched onto the registry
 * (match.ts), what it finds recorded as proposals; a platform that fails is reported and the others
 * go on. Nothing reaches the public here: only accepted proposals become overrides.
 */
export async function runDiscovery(options: RunDiscoveryOptions): Promise<DiscoveryReport> {
  const log = (options.logger ?? appLogger).child({ component: 'discovery' });
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const discoveries = options.discoveries ?? (await loadDiscoveries());
  const readers: LinkReaders = Object.fromEntries(
    discoveries.map((d) => [d.name, (url: string) => d.linkKeys(url)]),
  );
  const reports: PlatformDiscoveryReport[] = [];
  const findings: ReturnType<typeof findingsOf> = [];
  await Promise.all(
    discoveries.map(async (discovery) => {
      const report: PlatformDiscoveryReport = {
        platform: discovery.name,
        listed: 0,
        matched: 0,
        new_centres: 0,
        links: 0,
        platform_ids: 0,
        error: null,
      };
      reports.push(report);
      const ctx = options.contextFor(discovery.name);
      if (!ctx?.settings.enabled) {
        report.error = ctx ? 'provider disabled' : 'no provider context';
        return;
      }
      try {
        const listed = await discovery.list(ctx, options.departements);
        const outcomes = matchListed(listed, options.centres, readers);
        const found = findingsOf(listed, outcomes);
        report.listed = listed.length;
        report.matched = outcomes.filter((o) => o.kind === 'matched').length;
        report.new_centres = found.filter((f) => f.kind === 'new_centre').length;
        report.links = found.filter((f) => f.kind === 'link').length;
        report.platform_ids = found.filter((f) => f.kind === 'platform_id').length;
        findings.push(...found);
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        if (!(error instanceof ProviderError))
          log.error({ provider: discovery.name, err: error }, 'discovery failed');
        report.error = error instanceof Error ? error.message : String(error);
        log.warn({ provider: discovery.name, err: report.error }, 'discovery listing failed');
      }
    }),
  );
  reports.sort(
    (a, b) =>
      discoveries.findIndex((d) => d.name === a.platform) -
      discoveries.findIndex((d) => d.name === b.platform),
  );
  const { added, seen } = await options.store.record(findings, now());
  const autoAccepted: Proposal[] = [];
  if (options.autoAcceptIdentifierMatches) {
    for (const proposal of added) {
      if (proposal.kind === 'new_centre' || proposal.evidence.rule !== 'identifier') continue;
      const accepted = await options.store.decide(proposal.id, 'accepted', 'auto', now());
      if (options.applyAccepted) await options.applyAccepted(accepted);
      autoAccepted.push(accepted);
    }
  }
  log.info(
    { added: added.length, seen, auto_accepted: autoAccepted.length, platforms: reports.length },
    'discovery run',
  );
  return {
    started_at: startedAt.toISOString(),
    departements: options.departements.map((d) => d.code),
    platforms: reports,
    added,
    seen,
    auto_accepted: autoAccepted,
  };
}
