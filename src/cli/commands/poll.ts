import { parseArgs } from 'node:util';
import { openPollingFor } from '../../app/open-polling.ts';
import type { PollSummary } from '../../poller/poller.ts';
import type { CliCommand } from '../main.ts';

const USAGE = 'creneau poll --once [--json]';

function formatErrors(errors: Record<string, number | undefined>): string {
  const parts = Object.entries(errors).map(([kind, n]) => `${kind} ${n}`);
  return parts.length > 0 ? parts.join(', ') : '-';
}

function formatSummary(summary: PollSummary, simulated: readonly string[]): string {
  const head = [
    'provider',
    'centres',
    'some',
    'none',
    'phone',
    'unknown',
    'held',
    'breaker',
    'time',
    'errors',
  ];
  const rows = summary.providers.map((p) => [
    p.enabled ? p.provider : `${p.provider} (disabled)`,
    String(p.centres),
    String(p.statuses.some),
    String(p.statuses.none),
    String(p.statuses.phone_only),
    String(p.statuses.unknown),
    String(p.held),
    p.breaker,
    `${(p.duration_ms / 1000).toFixed(1)} s`,
    formatErrors(p.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const total = summary.providers.reduce((n, p) => n + p.centres, 0);
  const source = simulated.length > 0 ? ` (simulated: ${simulated.join(', ')})` : '';
  return `${[line(head), ...rows.map(line)].join('\n')}\n\nPolled ${total} centres in ${(summary.duration_ms / 1000).toFixed(1)} s${source}.\n`;
}

function parsePollArgs(args: string[]): { json: boolean } | { error: string } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { once: { type: 'boolean' }, json: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length > 0) return { error: `unexpected argument "${positionals[0]}".` };
    if (!values.once) return { error: '--once is required (to poll forever, run `creneau worker`).' };
    return { json: values.json === true };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

async function run(args: string[]): Promise<number> {
  const parsed = parsePollArgs(args);
  if ('error' in parsed) {
    process.stderr.write(`creneau poll: ${parsed.error}\nUsage: ${USAGE}\n`);
    return 2;
  }
  const polling = await openPollingFor('poll');
  if (polling === 1) return 1;
  try {
    const summary = await polling.poller.pollOnce();
    if (parsed.json)
      process.stdout.write(
        `${JSON.stringify({ ...summary, simulated: polling.embedded.simulated }, null, 2)}\n`,
      );
    else process.stdout.write(formatSummary(summary, polling.embedded.simulated));
  } finally {
    await polling.close();
  }
  // A provider failing is data (it is in the summary), not a failure of the command.
  return 0;
}

export const command: CliCommand = {
  summary:
    'Poll every centre of the registry once, respecting rate limits, and print a summary per provider.',
  usage: `${USAGE}\n\n  --once  poll each centre once, then exit (required)\n  --json  print the summary as JSON\n\nProviders without a configured base_url are served by the built-in simulator (CRENEAU_SIMULATOR=off to disable).\nRecords go to the cache (CRENEAU_CACHE=memory: the snapshot in the data directory; redis: CRENEAU_REDIS_URL).\nExit codes: 0 polled (even if providers failed: see the summary), 1 configuration error, 2 usage error.`,
  run,
};
