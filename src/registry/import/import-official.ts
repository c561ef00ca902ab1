import { DEFAULT_TIME_ZONE } from '../../geo/time-zone.ts';
import { localDate } from '../../shared/time.ts';
import type { Centre } from '../centre.ts';
import { lifecycleOf } from '../lifecycle.ts';
import type { RegistryFile } from '../registry-file.ts';
import { type DuplicateOverride, findDuplicates } from './duplicates.ts';
import type { CommuneLookup } from './find-commune.ts';
import type { ImportIssue, ImportReport, IssueKind } from './import-report.ts';
import { type ImportedCentre, type LinkDirectory, settleLink, summariseLinks } from './link-summary.ts';
import { accountForColumns, readOfficialHeader } from './official-columns.ts';
import { mapOfficialRow } from './official-row.ts';
import { CsvError, type CsvHead, type CsvRecord, type CsvTable, readCsv, streamCsv } from './read-csv.ts';

export interface ImportOptions {
  /** The file's path or URL, as recorded in the registry and the report. */
  source: string;
  communes: CommuneLookup;
  now?: () => Date;
  /** The operator's verdicts on pairs of rows, by gid (`duplicates.csv` in the data directory). */
  duplicateOverrides?: readonly DuplicateOverride[];
  /** Platforms' listings, fetched beforehand, to resolve links they cannot poll as written (link-summary.ts). */
  linkDirectories?: readonly LinkDirectory[];
}

export interface ImportOutcome {
  report: ImportReport;
  /** The registry to write; null when the import failed and the previous one must stay. */
  registry: RegistryFile | null;
}

function countByKind(issues: readonly ImportIssue[]): ImportReport['issues_by_kind'] {
  const counts: Partial<Record<IssueKind, number>> = {};
  for (const issue of issues) counts[issue.kind] = (counts[issue.kind] ?? 0) + 1;
  return counts;
}

/** A report for an import that did not get as far as reading rows (unreadable file, failed download…). */
export function failedImportReport(source: string, error: string, startedAt: Date): ImportReport {
  return {
    format: 'creneau-import-report',
    version: 1,
    source,
    started_at: startedAt.toISOString(),
    ok: false,
    error,
    file: null,
    counts: { read: 0, imported: 0, imported_with_warnings: 0, rejected: 0, warnings: 0 },
    issues_by_kind: {},
    issues: [],
  };
}

/**
 * One import, fed records one at a time: each row is mapped and validated as it comes and only what is
 * kept (the centres, the issues) is held. `importOfficial` feeds it a whole parsed table,
 * `importOfficialStream` records parsed slice by slice (bounded memory, issue 13, point 8).
 */
function startImport(
  table: CsvHead,
  { source, communes, duplicateOverrides = [], linkDirectories = [] }: ImportOptions,
  startedAt: Date,
) {
  const header = readOfficialHeader(table.header);
  const fileIssues: ImportIssue[] = [];
  const issues: ImportIssue[] = [];
  const fileIssue = (kind: IssueKind, message: string) =>
    fileIssues.push({ level: 'warning', kind, row: 1, line: 1, gid: null, message });

  if (table.encoding !== 'utf-8') fileIssue('encoding', `the file is not UTF-8; read as ${table.encoding}`);
  if (header.unknown.length > 0) {
    fileIssue('unknown-column', `unknown columns, ignored: ${header.unknown.join(', ')}`);
  }
  for (const column of header.repeated)
    fileIssue('repeated-column', `column ${column} appears twice; the first is read`);
  const unnamedWithValues = new Set<number>();

  const base = {
    format: 'creneau-import-report' as const,
    version: 1 as const,
    source,
    started_at: startedAt.toISOString(),
    file: { delimiter: table.delimiter, encoding: table.encoding, bom: table.bom, columns: table.header },
    columns: accountForColumns(table.header),
  };
  const essentialsMissing = header.missingEssentials.length > 0;

  let read = 0;
  const centres: Centre[] = [];
  const imported: ImportedCentre[] = [];
  const firstRowOfId = new Map<string, number>();
  let importedWithWarnings = 0;

  function add(record: CsvRecord): void {
    read++;
    for (const position of header.unnamed)
      if ((record.values[position] ?? '').trim() !== '') unnamedWithValues.add(position);
    if (essentialsMissing) return;
    const at = { row: record.row, line: record.line };
    const result = mapOfficialRow(record.values, { header, communes });
    if (result.kind === 'rejected') {
      issues.push({ level: 'rejection', ...at, gid: result.gid, ...result.rejection });
      return;
    }
    const { warnings } = result;
    const settled = settleLink(result.centre, linkDirectories);
    const { centre } = settled;
    if (settled.issue) warnings.push(settled.issue);
    const gid = centre.source.id;
    const firstRow = firstRowOfId.get(centre.id);
    if (firstRow !== undefined) {
      issues.push({
        level: 'rejection',
        ...at,
        gid,
        kind: 'duplicate-id',
        message: `gid ${gid} was already imported from row ${firstRow}`,
      });
      return;
    }
    if (record.values.length !== table.header.length) {
      warnings.push({
        kind: 'field-count',
        message: `${record.values.length} fields where the header has ${table.header.length}; ${
          record.values.length < table.header.length ? 'missing ones read as empty' : 'extra ones ignored'
        }`,
      });
    }
    firstRowOfId.set(centre.id, record.row);
    centres.push(centre);
    imported.push({ row: record.row, centre });
    if (warnings.length > 0) importedWithWarnings++;
    for (const warning of warnings) issues.push({ level: 'warning', ...at, gid, ...warning });
  }

  function finish(): ImportOutcome {
    const unnamed = header.unnamed.filter((position) => unnamedWithValues.has(position));
    if (unnamed.length > 0) {
      fileIssue(
        'unnamed-column',
        `columns without a name hold values, ignored (positions ${unnamed.map((p) => p + 1).join(', ')})`,
      );
    }
    if (essentialsMissing) {
      const error = `the file lacks the essential column${header.missingEssentials.length > 1 ? 's' : ''} ${header.missingEssentials.join(', ')} (is it the official list of vaccination centres?)`;
      return {
        report: {
          ...failedImportReport(source, error, startedAt),
          ...base,
          counts: { read, imported: 0, imported_with_warnings: 0, rejected: 0, warnings: fileIssues.length },
          issues: fileIssues,
          issues_by_kind: countByKind(fileIssues),
        },
        registry: null,
      };
    }
    const all = [...fileIssues, ...issues];

    // The same place entered several times: one kept, the others pointing at it (duplicates.ts).
    const duplicates = findDuplicates(
      centres.map((centre) => ({ row: firstRowOfId.get(centre.id) ?? 0, centre })),
      duplicateOverrides,
      (centre) => lifecycleOf(centre, startedAt).state === 'closed',
    );
    const lifecycle = {
      on: localDate(startedAt.getTime(), DEFAULT_TIME_ZONE),
      open: 0,
      opens_on: 0,
      closed: 0,
    };
    for (const centre of duplicates.centres) lifecycle[lifecycleOf(centre, startedAt).state]++;
    const rejected = all.filter((issue) => issue.level === 'rejection').length;
    const ok = centres.length > 0;
    const report: ImportReport = {
      ...base,
      ok,
      error: ok ? null : `no row could be imported (${read} read)`,
      counts: {
        read,
        imported: centres.length,
        imported_with_warnings: importedWithWarnings,
        rejected,
        warnings: all.length - rejected,
      },
      issues_by_kind: countByKind(all),
      issues: all,
      lifecycle,
      duplicates: duplicates.groups,
      links: summariseLinks(imported),
    };
    const registry: RegistryFile | null = ok
      ? {
          format: 'creneau-registry',
          version: 1,
          kind: 'official',
          source,
          imported_at: startedAt.toISOString(),
          centres: duplicates.centres,
        }
      : null;
    return { report, registry };
  }

  return { add, finish };
}

/** The bytes of an official list → the registry to store and a report accounting for every row. */
export function importOfficial(bytes: Uint8Array, options: ImportOptions): ImportOutcome {
  const startedAt = (options.now ?? (() => new Date()))();
  let table: CsvTable;
  try {
    table = readCsv(bytes);
  } catch (error) {
    if (error instanceof CsvError)
      return { report: failedImportReport(options.source, error.message, startedAt), registry: null };
    throw error;
  }
  const run = startImport(table, options, startedAt);
  for (const record of table.records) run.add(record);
  return run.finish();
}

/**
 * `importOfficial` as `creneau import` runs it: the same outcome, the file parsed slice by slice and
 * each row validated as it comes, so memory holds the bytes and the kept centres, not the whole parse.
 */
export async function importOfficialStream(
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const startedAt = (options.now ?? (() => new Date()))();
  try {
    const table = await streamCsv(bytes);
    const run = startImport(table, options, startedAt);
    for await (const record of table.records) run.add(record);
    return run.finish();
  } catch (error) {
    if (error instanceof CsvError)
      return { report: failedImportReport(options.source, error.message, startedAt), registry: null };
    throw error;
  }
}
