import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readTextIfPresent, writeFileAtomic } from '../shared/files.ts';
import {
  type DiscoveredCentre,
  type MatchEvidence,
  Proposal,
  type ProposalKind,
  type ProposalStatus,
  proposalId,
} from './proposal.ts';

/**
 * The proposals discovery makes (docs/DISCOVERY.md), kept in `<data dir>/proposals.json`, written
 * atomically (write-atomic.ts): a reader sees the file before or after a change, never half of it.
 * Every operation reads the file afresh and writes it back within one process-wide queue, so the
 * console deciding while `creneau discover` records never loses either change in this process; two
 * processes writing in the same second may, and the next discovery run finds the lost finding again.
 * Nothing here reaches the public: an accepted proposal becomes an override (src/operators/overrides),
 * which the registry applies.
 */

export const PROPOSALS_FILE_NAME = 'proposals.json';

export const ProposalsFile = z.object({
  format: z.literal('creneau-proposals'),
  version: z.literal(1),
  proposals: z.array(Proposal),
});
export type ProposalsFile = z.infer<typeof ProposalsFile>;

/** The stored file exists but is not a proposals file: said, never overwritten. */
export class ProposalStoreError extends Error {
  override name = 'ProposalStoreError';
}

/** A decision the store refuses: unknown id, or a proposal already decided otherwise. */
export class ProposalDecisionError extends Error {
  override name = 'ProposalDecisionError';
  readonly reason: 'unknown' | 'decided';
  constructor(message: string, reason: 'unknown' | 'decided') {
    super(message);
    this.reason = reason;
  }
}

/** What one discovery run found about one place, before it is a proposal. */
export interface Finding {
  kind: ProposalKind;
  platform: string;
  centreId?: string;
  centreGid?: string | null;
  discovered: DiscoveredCentre;
  evidence: MatchEvidence;
}

export interface RecordResult {
  /** Proposals this run made for the first time. */
  added: Proposal[];
  /** Findings already proposed (their `last_seen_at` moved; pending ones take the new details). */
  seen: number;
}

export interface ProposalFilter {
  status?: ProposalStatus;
  kind?: ProposalKind;
  platform?: string;
}

export interface ProposalStore {
  readonly file: string;
  /** Newest first (by first discovery), then by id. */
  listProposals(filter?: ProposalFilter): Promise<Proposal[]>;
  getProposal(id: string): Promise<Proposal | undefined>;
  /**
   * Accepts or rejects a pending proposal, by an operator's name (or `auto`). Deciding again the same
   * way returns it unchanged; deciding otherwise, or an unknown id, throws ProposalDecisionError.
   */
  decide(id: string, status: 'accepted' | 'rejected', by: string, now?: Date): Promise<Proposal>;
  /** Adds new findings as pending proposals and notes the ones already known. */
  record(findings: readonly Finding[], now: Date): Promise<RecordResult>;
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task on the same file, in this process. */
function serialised<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.catch(() => undefined);
  queues.set(file, settled);
  void settled.then(() => {
    if (queues.get(file) === settled) queues.delete(file);
  });
  return run;
}

export function proposalsPath(dataDir: string): string {
  return path.join(dataDir, PROPOSALS_FILE_NAME);
}

async function readProposals(file: string): Promise<Proposal[]> {
  const text = await readTextIfPresent(file);
  if (text === null) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProposalStoreError(
      `${file} is not JSON (${error instanceof Error ? error.message : String(error)}); move it aside to start afresh`,
    );
  }
  const parsed = ProposalsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProposalStoreError(
      `${file} is not a proposals file (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}); move it aside to start afresh`,
    );
  }
  return parsed.data.proposals;
}

async function writeProposals(file: string, proposals: readonly Proposal[]): Promise<void> {
  const checked = ProposalsFile.parse({ format: 'creneau-proposals', version: 1, proposals });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(checked, null, 2)}\n`);
}

function order(a: Proposal, b: Proposal): number {
  return b.first_seen_at.localeCompare(a.first_seen_at) || a.id.localeCompare(b.id);
}

/** The store over `<dataDir>/proposals.json` (CRENEAU_DATA_DIR: src/config/data-dir.ts). */
export function openProposalStore(dataDir: string): ProposalStore {
  const file = proposalsPath(dataDir);
  return {
    file,
    async listProposals(filter = {}) {
      const all = await readProposals(file);
      return all
        .filter(
          (p) =>
            (!filter.status || p.status === filter.status) &&
            (!filter.kind || p.kind === filter.kind) &&
            (!filter.platform || p.platform === filter.platform),
        )
        .sort(order);
    },
    async getProposal(id) {
      return (await readProposals(file)).find((p) => p.id === id);
    },
    decide(id, status, by, now = new Date()) {
      return serialised(file, async () => {
        const all = await readProposals(file);
        const index = all.findIndex((p) => p.id === id);
        const proposal = all[index];
        if (!proposal) throw new ProposalDecisionError(`no proposal ${id}`, 'unknown');
        if (proposal.status === status) return proposal;
        if (proposal.status !== 'pending')
          throw new ProposalDecisionError(
            `proposal ${id} was already ${proposal.status} by ${proposal.decided_by ?? 'someone'}`,
            'decided',
          );
        const decided: Proposal = {
          ...proposal,
          status,
          decided_at: now.toISOString(),
          decided_by: by.trim() || 'operator',
        };
        all[index] = decided;
        await writeProposals(file, all);
        return decided;
      });
    },
    record(findings, now) {
      return serialised(file, async () => {
        const all = await readProposals(file);
        const byId = new Map(all.map((p, i) => [p.id, i]));
        const at = now.toISOString();
        const added: Proposal[] = [];
        let seen = 0;
        for (const finding of findings) {
          const id = proposalId(
            finding.kind,
            finding.platform,
            finding.discovered.platform_id,
            finding.centreId,
          );
          const index = byId.get(id);
          const known = index === undefined ? undefined : all[index];
          if (known && index !== undefined) {
            seen++;
            all[index] =
              known.status === 'pending'
                ? { ...known, discovered: finding.discovered, evidence: finding.evidence, last_seen_at: at }
                : { ...known, last_seen_at: at };
            continue;
          }
          const proposal: Proposal = {
            id,
            kind: finding.kind,
            platform: finding.platform,
            ...(finding.centreId === undefined ? {} : { centreId: finding.centreId }),
            ...(finding.centreGid === undefined ? {} : { centreGid: finding.centreGid }),
            discovered: finding.discovered,
            evidence: finding.evidence,
            status: 'pending',
            first_seen_at: at,
            last_seen_at: at,
            decided_at: null,
            decided_by: null,
          };
          byId.set(id, all.length);
          all.push(proposal);
          added.push(proposal);
        }
        if (findings.length > 0) await writeProposals(file, all);
        return { added, seen };
      });
    },
  };
}
