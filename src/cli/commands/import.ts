import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CreneauConfig } from '../../config/creneau-config.ts';
import { dataDir } from '../../config/data-dir.ts';
import { ConfigError, loadConfig } from '../../config/load-config.ts';
import { overridesOnImport } from '../../operators/overrides/on-import.ts';
import { getGazetteer } from '../../places/gazetteer.ts';
import {
  DUPLICATES_FILE_NAME,
  type DuplicateOverride,
  parseDuplicateOverrides,
} from '../../registry/import/duplicates.ts';
import type { CommuneLookup } from '../../registry/import/find-commune.ts';
import { failedImportReport, importOfficialStream } from '../../registry/import/import-official.ts';
import type { ImportIssue, ImportReport } from '../../registry/import/import-report.ts';
import { formatLinkSummary } from '../../registry/import/link-summary.ts';
import {
  DEFAULT_IMPORT_MAX_BYTES,
  describeSource,
  readSource,
  SourceError,
} from '../../registry/import/read-source.ts';
import { writeRegistry } from '../../registry/store.ts';
import { readTextIfPresent, writeFileAtomic } from '../../shared/files.ts';
import { acquireImportLock, ImportLockedError } from '../import/import-lock.ts';
import { fetchLinkDirectories, withResolution } from '../import/link-directories.ts';
import { terminalSafe } from '../import/terminal-text.ts';
import type { CliCommand } from '../main.ts';

export const IMPORT_REPORT_FILE_NAME = 'import-report.json';

const USAGE = 'creneau import <file-or-url> [--json]';

function formatIssue(issue: ImportIssue): string {
  const gid = issue.gid === null ? '' : ` (gid ${issue.gid})`;
  return `row ${issue.row}${gid}: ${issue.level} ${issue.kind}: ${issue.message}`;
}

function formatSummary(report: ImportReport, written: string[]): string {
  const { read, imported, imported_with_warnings, rejected, warnings } = report.counts;
  const lines = [
    ...report.issues.map(formatIssue),
    '',
    `Source: ${report.source}`,
    `Read: ${read}  Imported: ${imported} (with warnings: ${imported_with_warnings})  Rejected: ${rejected}  Warnings: ${warnings}`,
  ];
  const kinds = Object.entries(report.issues_by_kind).map(([kind, count]) => `${kind} ${count}`);
  if (kinds.length > 0) lines.push(`By kind: ${kinds.join(', ')}`);
  if (report.lifecycle) {
    const { on, open, opens_on, closed } = report.lifecycle;
    lines.push(`Lifecycle on ${on}: open ${open}, opens later ${opens_on}, closed ${closed}`);
  }
  if (report.duplicates) {
    lines.push(`Duplicate groups: ${report.duplicates.length} (the public sees the kept centre of each)`);
    for (const { kept, others, reasons } of report.duplicates) {
      const rows = others.map((other) => `row ${other.row} (gid ${other.gid})`).join(', ');
      lines.push(`  kept row ${kept.row} (gid ${kept.gid}); also ${rows}: ${reasons.join('; ')}`);
    }
  }
  if (report.overrides) {
    const { applied, orphaned } = report.overrides;
    lines.push(`Operator overrides: ${applied.length} applied, ${orphaned.length} whose centre disappeared`);
    if (orphaned.length > 0) lines.push(`  not found: ${orphaned.join(', ')}`);
  }
  if (report.columns) {
    lines.push('Columns:');
    for (const { column, use, note } of report.columns)
      lines.push(`  ${column.padEnd(32)} ${use.padEnd(7)} ${note}`);
  }
  lines.push(
    report.ok
      ? `Wrote ${written.join(' and ')}`
      : `Import failed: ${report.error}. The previous registry is kept.`,
  );
  if (report.links) {
    lines.push('Booking links per platform:');
    for (const line of formatLinkSummary(report.links)) lines.push(`  ${line}`);
    for (const { platform, resolution } of report.links)
      if (resolution) lines.push(`  ${platform}: ${resolution}`);
    for (const { platform, unpollable } of report.links)
      for (const link of unpollable)
        lines.push(`    ${platform} row ${link.row} (gid ${link.gid}): ${link.reason}: ${link.url}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The config, for the platforms' base URLs; an unreadable config only means no link is resolved. */
async function configOrNull(): Promise<CreneauConfig | null> {
  try {
    return await loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`creneau import: ${error.message}; links are not resolved\n`);
    return null;
  }
}

/** Loading the gazetteer takes a second: only rows without usable coordinates need it. */
function lazyGazetteer(): CommuneLookup {
  return {
    commune: (insee) => getGazetteer().commune(insee),
    communesByPostcode: (postcode) => getGazetteer().communesByPostcode(postcode),
  };
}

/** `<file-or-url> [--json]`, or what is wrong with the arguments. */
function parseImportArgs(args: string[]): { input: string; json: boolean } | { error: string } {
  try {
    const { positionals, values } = parseArgs({
      args,
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
    });
    const [input, ...extra] = positionals;
    if (!input || extra.length > 0) return { error: 'expected exactly one file or URL.' };
    return { input, json: values.json === true };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

async function run(args: string[]): Promise<number> {
  const parsed = parseImportArgs(args);
  if ('error' in parsed) {
    process.stderr.write(`creneau import: ${parsed.error}\nUsage: ${USAGE}\n`);
    return 2;
  }
  const { input, json } = parsed;
  const source = describeSource(input);
  const dir = dataDir();
  const startedAt = new Date();
  await mkdir(dir, { recursive: true });
  // One import at a time per data directory: a second one fails clearly instead of racing the first.
  let lock: Awaited<ReturnType<typeof acquireImportLock>>;
  try {
    lock = await acquireImportLock(dir, startedAt);
  } catch (error) {
    if (!(error instanceof ImportLockedError)) throw error;
    process.stderr.write(`creneau import: ${error.message}\n`);
    return 1;
  }
  try {
    return await importLocked(input, json, source, dir, startedAt);
  } finally {
    await lock.release();
  }
}

async function importLocked(
  input: string,
  json: boolean,
  source: string,
  dir: string,
  startedAt: Date,
): Promise<number> {
  const config = await configOrNull();

  let report: ImportReport;
  const written: string[] = [];
  try {
    const bytes = await readSource(input, { maxBytes: config?.import.max_bytes ?? DEFAULT_IMPORT_MAX_BYTES });
    const options = {
      source,
      communes: lazyGazetteer(),
      now: () => startedAt,
      duplicateOverrides: await readDuplicateOverrides(dir),
    };
    let outcome = await importOfficialStream(bytes, options);
    // Links a platform cannot poll as written are looked up in its listing, then the file is read again.
    const { directories, resolution } = await fetchLinkDirectories(outcome.report, config);
    if (directories.length > 0)
      outcome = await importOfficialStream(bytes, { ...options, linkDirectories: directories });
    const links = withResolution(outcome.report.links, resolution);
    report = { ...outcome.report, ...(links ? { links } : {}) };
    // The operators' decisions are applied on top when the registry is served: which still apply.
    if (outcome.registry) report.overrides = await overridesOnImport(dir, outcome.registry.centres);
    if (outcome.registry) written.push(await writeRegistry(dir, outcome.registry));
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    report = failedImportReport(source, error.message, startedAt);
  }
  // The report is written even for a failed import: it says why, while registry.json stays as it was.
  const reportFile = path.join(dir, IMPORT_REPORT_FILE_NAME);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  written.push(reportFile);

  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  // The file's own text is in the warnings: its escape sequences must not reach the terminal.
  else process.stdout.write(terminalSafe(formatSummary(report, written)));
  if (!report.ok) process.stderr.write(terminalSafe(`creneau import: ${report.error}\n`));
  return report.ok ? 0 : 1;
}

/** The operator's verdicts on duplicates (`<data dir>/duplicates.csv`), kept across imports; none without the file. */
async function readDuplicateOverrides(dir: string): Promise<DuplicateOverride[]> {
  const file = path.join(dir, DUPLICATES_FILE_NAME);
  const text = await readTextIfPresent(file);
  if (text === null) return [];
  const { overrides, problems } = parseDuplicateOverrides(text);
  for (const problem of problems) process.stderr.write(`creneau import: ${file} ${problem}, ignored\n`);
  return overrides;
}

export const command: CliCommand = {
  summary:
    'Import the official list of vaccination centres (centres-vaccination.csv, data.gouv.fr) into the registry.',
  usage: `${USAGE}\n\n  <file-or-url>  a local CSV file or an http(s) URL\n  --json         print the import report as JSON\n\nWrites <data dir>/registry.json and <data dir>/import-report.json (data dir: CRENEAU_DATA_DIR, default ./data).\nExit codes: 0 imported, 1 import failed (previous registry kept), 2 usage error.`,
  run,
};
