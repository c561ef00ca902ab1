import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createAdapterContext } from '../../adapters/context.ts';
import { adapterNamed } from '../../adapters/registry.ts';
import { configProblem } from '../../app/open-polling.ts';
import { dataDir } from '../../config/data-dir.ts';
import { loadConfig } from '../../config/load-config.ts';
import {
  type DiscoveryDepartement,
  departementByCode,
  discoveryDepartements,
} from '../../discovery/departements.ts';
import { overrideWriter, withOverrides } from '../../discovery/operator-overrides.ts';
import { openProposalStore, ProposalStoreError } from '../../discovery/proposal-store.ts';
import { type DiscoveryReport, runDiscovery } from '../../discovery/run-discovery.ts';
import { getGazetteer } from '../../places/gazetteer.ts';
import { loadRegistry } from '../../registry/load-registry.ts';
import { departementCode } from '../../shared/departement-param.ts';
import { createLogger } from '../../shared/logger.ts';
import { startEmbeddedProviders } from '../../simulator/embedded.ts';
import type { CliCommand } from '../main.ts';

const USAGE = 'creneau discover [--departement=<code>] [--json]';

function parseDiscoverArgs(
  args: string[],
): { departements: DiscoveryDepartement[]; json: boolean } | { error: string } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { departement: { type: 'string', multiple: true }, json: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length > 0) return { error: `unexpected argument "${positionals[0]}".` };
    const codes = (values.departement ?? []).flatMap((value) => value.split(','));
    const departements: DiscoveryDepartement[] = [];
    for (const raw of codes) {
      const parsed = departementCode.safeParse(raw);
      const known = parsed.success ? departementByCode(parsed.data) : undefined;
      if (!known)
        return {
          error: `--departement=${raw}: ${parsed.success ? 'no such département' : parsed.error.issues[0]?.message}.`,
        };
      if (!departements.includes(known)) departements.push(known);
    }
    return {
      departements: departements.length > 0 ? departements : [...discoveryDepartements()],
      json: values.json === true,
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function formatReport(report: DiscoveryReport, simulated: readonly string[]): string {
  const head = ['platform', 'listed', 'matched', 'new', 'links', 'ids', 'error'];
  const rows = report.platforms.map((p) => [
    p.platform,
    String(p.listed),
    String(p.matched),
    String(p.new_centres),
    String(p.links),
    String(p.platform_ids),
    p.error ?? '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const proposals = report.added.map((p) => {
    const about = p.centreId ? ` for ${p.centreId}` : '';
    return `  ${p.id}  ${p.kind}${about}: ${p.discovered.name} (${p.platform} ${p.discovered.platform_id}, ${p.evidence.rule})`;
  });
  const scope =
    report.departements.length === discoveryDepartements().length
      ? 'every département'
      : `département${report.departements.length > 1 ? 's' : ''} ${report.departements.join(', ')}`;
  const source = simulated.length > 0 ? ` (simulated: ${simulated.join(', ')})` : '';
  return [
    [line(head), ...rows.map(line)].join('\n'),
    '',
    `${report.added.length} new proposal${report.added.length === 1 ? '' : 's'}, ${report.seen} already proposed, ${report.auto_accepted.length} accepted automatically, in ${scope}${source}.`,
    ...(proposals.length > 0 ? ['', ...proposals] : []),
    '',
    'Nothing reaches the public before an operator accepts it (/operateur).',
    '',
  ].join('\n');
}

async function run(args: string[]): Promise<number> {
  const parsed = parseDiscoverArgs(args);
  if ('error' in parsed) {
    process.stderr.write(`creneau discover: ${parsed.error}\nUsage: ${USAGE}\n`);
    return 2;
  }
  const logger = createLogger({ fallbackLevel: 'warn', destination: pino.destination(2) });
  let config: Awaited<ReturnType<typeof loadConfig>>;
  let embedded: Awaited<ReturnType<typeof startEmbeddedProviders>>;
  const directory = dataDir();
  let centres: Awaited<ReturnType<typeof withOverrides>>;
  try {
    config = await loadConfig();
    const registry = (await loadRegistry(getGazetteer(), directory)).centres;
    centres = await withOverrides(registry, directory);
    embedded = await startEmbeddedProviders(centres, config);
  } catch (error) {
    const problem =
      configProblem(error) ??
      (error instanceof Error && error.name === 'RegistryFileError' ? error.message : null);
    if (problem === null) throw error;
    process.stderr.write(`creneau discover: ${problem}\n`);
    return 1;
  }
  try {
    const store = openProposalStore(directory);
    const settings = config.discovery;
    const applyAccepted = settings.auto_accept_identifier_matches
      ? await overrideWriter(directory, logger)
      : null;
    const report = await runDiscovery({
      centres,
      departements: parsed.departements,
      store,
      logger,
      autoAcceptIdentifierMatches: settings.auto_accept_identifier_matches,
      ...(applyAccepted ? { applyAccepted } : {}),
      contextFor(platform) {
        const adapter = adapterNamed(platform);
        const providerSettings = embedded.providers[platform as keyof typeof embedded.providers];
        return adapter
          ? createAdapterContext(adapter, { settings: providerSettings, logger, centres: () => centres })
          : undefined;
      },
    });
    process.stdout.write(
      parsed.json
        ? `${JSON.stringify({ ...report, simulated: embedded.simulated }, null, 2)}\n`
        : formatReport(report, embedded.simulated),
    );
    return 0;
  } catch (error) {
    if (error instanceof ProposalStoreError) {
      process.stderr.write(`creneau discover: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await embedded.close();
  }
}

export const command: CliCommand = {
  summary:
    "Find centres through the platforms' own public searches, match them onto the registry, and record what differs as proposals for an operator.",
  usage: `${USAGE}\n\n  --departement=<code>  only this département (35, 2A, 971…); repeat or comma-separate for several; default every one\n  --json                print the report as JSON\n\nProposals go to proposals.json in the data directory (CRENEAU_DATA_DIR); operators accept or reject them at /operateur.\nWith discovery.auto_accept_identifier_matches, a link or id of a registry centre the platform names by identifier is accepted at once.\nProviders without a configured base_url are served by the built-in simulator (CRENEAU_SIMULATOR=off to disable).\nExit codes: 0 ran (even if a platform failed: see the report), 1 configuration error, 2 usage error.`,
  run,
};
