import { z } from 'zod';
import { ProposalDecisionError, type ProposalStore } from '../../discovery/proposal-store.ts';
import type { ReportStore } from '../../reports/report-store.ts';
import {
  OPERATOR_HEADERS,
  type OperatorAccessParts,
  requireOperator,
  safeReturnPath,
} from '../access/session.ts';
import { type ActionDeps, ActionError, ActionForm, formObject, patchOf, recordOverride } from './actions.ts';
import { overrideOfProposal } from './proposals.ts';

export interface HandleActionDeps extends ActionDeps, OperatorAccessParts {
  proposals: Pick<ProposalStore, 'getProposal' | 'decide'>;
  reports: Pick<ReportStore, 'getReport' | 'resolveReport'>;
}

export type ActionOutcome = 'ok' | 'phone' | 'merge' | 'invalid' | 'unknown';

/**
 * POST /operateur/action: the guard (session, CSRF), the form checked whole, the action, then a 303
 * back to the page it came from (`retour`), saying how it went (`?fait=ok` or `?fait=<error>`).
 * Works without JavaScript; nothing is changed when the form is refused.
 */
export async function handleAction(request: Request, deps: HandleActionDeps): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const guard = await requireOperator(request, deps, { kind: 'page', form });
  if (!guard.ok) return guard.response;
  const fields = form ? formObject(form) : {};
  const back = safeReturnPath(fields.retour);
  const outcome = await run(fields, guard.session.name, deps);
  const url = new URL(back, 'http://x');
  url.searchParams.set('fait', outcome);
  return new Response(null, {
    status: 303,
    headers: { ...OPERATOR_HEADERS, location: `${url.pathname}${url.search}` },
  });
}

async function run(
  fields: Record<string, string>,
  by: string,
  deps: HandleActionDeps,
): Promise<ActionOutcome> {
  const parsed = ActionForm.safeParse(fields);
  if (!parsed.success) return 'invalid';
  const form = parsed.data;
  try {
    if (form.action === 'accept' || form.action === 'reject') {
      const proposal = await deps.proposals.getProposal(form.proposal);
      if (proposal?.status !== 'pending') return 'unknown';
      if (form.action === 'accept') {
        const override = overrideOfProposal(proposal);
        if (!override) return 'invalid';
        await deps.proposals.decide(proposal.id, 'accepted', by);
        await recordOverride(deps, {
          key: override.key,
          action: 'accept',
          by,
          patch: override.patch,
          note: `proposal ${proposal.id} (${proposal.kind}, ${proposal.platform})`,
        });
      } else {
        const decided = await deps.proposals.decide(proposal.id, 'rejected', by);
        await deps.audit.append({
          by,
          action: 'reject',
          target: proposal.id,
          before: { status: proposal.status },
          after: { status: decided.status },
          note: `${proposal.kind}, ${proposal.platform} ${proposal.discovered.platform_id}`,
        });
      }
      return 'ok';
    }
    if (form.action === 'resolve') {
      const before = await deps.reports.getReport(form.report);
      if (before?.status !== 'open') return 'unknown';
      const after = await deps.reports.resolveReport(form.report, by);
      if (!after) return 'unknown';
      await deps.audit.append({ by, action: 'resolve', target: form.report, before, after });
      return 'ok';
    }
    const change = patchOf(form);
    if (!change) return 'invalid';
    await recordOverride(deps, { key: change.key, action: form.action, by, patch: change.patch });
    return 'ok';
  } catch (error) {
    if (error instanceof ActionError) return error.message === 'phone' ? 'phone' : 'merge';
    if (error instanceof ProposalDecisionError) return 'unknown';
    if (error instanceof z.ZodError) return 'invalid';
    throw error;
  }
}
