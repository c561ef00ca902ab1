import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AvailabilityView } from '../../availability/availability-view.ts';
import type { Proposal } from '../../discovery/proposal.ts';
import { distanceKm } from '../../geo/distance.ts';
import type { Centre } from '../../registry/centre.ts';
import { ImportReport } from '../../registry/import/import-report.ts';
import { type UnpollableLink, unpollableLinks } from '../../registry/unpollable-links.ts';
import type { Report } from '../../reports/report-store.ts';
import { DAY_MS } from '../../shared/time.ts';
import type { LiveCentres } from '../overrides/live-centres.ts';
import { overrideKeyOf } from '../overrides/override.ts';

export interface ProposalItem {
  proposal: Proposal;
  /** The registry centre it is about (link, platform_id), as served now. */
  centre: Centre | null;
  /** Between the registry's position and the platform's, when both have one. */
  distanceM: number | null;
}

export interface DuplicateItem {
  kept: Centre;
  others: Centre[];
  reasons: string[];
}

export interface ReportItem {
  report: Report;
  centre: Centre | null;
}

export interface FailingItem {
  centre: Centre;
  failingSince: string;
  error: string | null;
}

export interface ReviewQueue {
  discovered: ProposalItem[];
  links: ProposalItem[];
  duplicates: DuplicateItem[];
  reports: ReportItem[];
  unpollable: UnpollableLink[];
  failing: FailingItem[];
}

export interface QueueSources {
  centres: Pick<LiveCentres, 'lastApplied' | 'byId'>;
  availability: Pick<AvailabilityView, 'state'>;
  proposals: readonly Proposal[];
  reports: readonly Report[];
  /** `import-report.json`'s duplicate groups, for the reasons (null without an import). */
  importReport: ImportReport | null;
  now: Date;
}

/** A centre is "failing for a day" once its polls have failed without a success for 24 hours. */
export const FAILING_FOR_MS = DAY_MS;

/** Everything waiting for an operator, each with the facts to decide on. */
export function buildQueue(sources: QueueSources): ReviewQueue {
  const served = sources.centres.lastApplied().centres;
  const proposalItem = (proposal: Proposal): ProposalItem => {
    const centre = proposal.centreId ? (sources.centres.byId(proposal.centreId) ?? null) : null;
    const a = centre?.location;
    const b = proposal.discovered.location;
    return { proposal, centre, distanceM: a && b ? Math.round(distanceKm(a, b) * 1000) : null };
  };
  const pending = sources.proposals.filter((proposal) => proposal.status === 'pending');
  const reasons = new Map<string, string[]>();
  for (const group of sources.importReport?.duplicates ?? []) reasons.set(group.kept.id, group.reasons);
  const groups = new Map<string, Centre[]>();
  for (const centre of served)
    if (centre.duplicate_of) {
      const list = groups.get(centre.duplicate_of) ?? [];
      list.push(centre);
      groups.set(centre.duplicate_of, list);
    }
  const duplicates: DuplicateItem[] = [];
  for (const [keptId, others] of groups) {
    const kept = sources.centres.byId(keptId);
    if (kept) duplicates.push({ kept, others, reasons: reasons.get(keptId) ?? [] });
  }
  const failing: FailingItem[] = [];
  for (const centre of served) {
    const state = sources.availability.state(centre.id);
    const since = state?.last_error ? (state.failing_since ?? state.checked_at) : null;
    if (since && sources.now.getTime() - Date.parse(since) >= FAILING_FOR_MS)
      failing.push({ centre, failingSince: since, error: state?.last_error?.message ?? null });
  }
  return {
    discovered: pending.filter((proposal) => proposal.kind === 'new_centre').map(proposalItem),
    links: pending.filter((proposal) => proposal.kind !== 'new_centre').map(proposalItem),
    duplicates,
    reports: sources.reports.map((report) => ({
      report,
      centre: sources.centres.byId(report.centreId) ?? null,
    })),
    unpollable: unpollableLinks(served),
    failing: failing.sort((a, b) => (a.failingSince < b.failingSince ? -1 : 1)),
  };
}

/** The last import's report in the data directory, or null (none yet, or unreadable). */
export async function readImportReport(dataDir: string): Promise<ImportReport | null> {
  try {
    const parsed = ImportReport.safeParse(
      JSON.parse(await readFile(path.join(dataDir, 'import-report.json'), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The key the console uses in its URLs and forms for a centre. */
export const keyOf = (centre: Centre) => overrideKeyOf(centre);

export interface QueueDeps {
  liveCentres: QueueSources['centres'];
  availability: QueueSources['availability'];
  reports: Pick<import('../../reports/report-store.ts').ReportStore, 'listReports'>;
  overrides: { readonly dataDir: string };
  now: () => Date;
}

/** The queue as the console's home shows it, read from the stores beside the overrides. */
export async function loadQueue(
  deps: QueueDeps,
  proposals: { listProposals(filter: { status: 'pending' }): Promise<Proposal[]> },
): Promise<ReviewQueue> {
  const [pending, reports, importReport] = await Promise.all([
    proposals.listProposals({ status: 'pending' }).catch(() => []),
    deps.reports.listReports({ status: 'open' }),
    readImportReport(deps.overrides.dataDir),
  ]);
  return buildQueue({
    centres: deps.liveCentres,
    availability: deps.availability,
    proposals: pending,
    reports,
    importReport,
    now: deps.now(),
  });
}

/** At most this many items per section on the page (the count says how many there are). */
export const SECTION_LIMIT = 50;

export interface CentreReview {
  key: string;
  /** As the last import wrote it (null for an accepted discovered centre). */
  imported: Centre | null;
  /** As served now (null while hidden). */
  current: Centre | null;
  override: import('../overrides/override.ts').Override | null;
}

/** One centre for the console's page: by its override key, or by its id (links from the public side). */
export async function findCentreReview(
  deps: {
    liveCentres: Pick<LiveCentres, 'imported' | 'lastApplied'>;
    overrides: Pick<import('../overrides/override-store.ts').OverrideStore, 'list'>;
  },
  keyOrId: string,
): Promise<CentreReview | null> {
  const matches = (centre: Centre) => overrideKeyOf(centre) === keyOrId || centre.id === keyOrId;
  const imported = deps.liveCentres.imported().find(matches) ?? null;
  const current = deps.liveCentres.lastApplied().centres.find(matches) ?? null;
  const overrides = await deps.overrides.list();
  const found = imported ?? current;
  const key = found ? overrideKeyOf(found) : keyOrId;
  const override = overrides.find((candidate) => candidate.key === key) ?? null;
  if (!found && !override?.centre) return null;
  return { key, imported, current, override };
}
