import type { Logger } from 'pino';
import { createAuditLog } from '../operators/audit/audit-log.ts';
import { recordOverride } from '../operators/console/actions.ts';
import { overrideOfProposal } from '../operators/console/proposals.ts';
import { applyOverrides } from '../operators/overrides/apply.ts';
import { createOverrideStore, readOverridesFile } from '../operators/overrides/override-store.ts';
import type { Centre } from '../registry/centre.ts';
import type { Proposal } from './proposal.ts';

/**
 * Writes an accepted proposal as an operator override, the way the console's "accept" does
 * (src/operators/console: the override, the audit line), by `auto`.
 */
export async function overrideWriter(
  dataDir: string,
  _logger: Logger,
): Promise<(proposal: Proposal) => Promise<void>> {
  const overrides = createOverrideStore({ dataDir });
  const audit = createAuditLog({ dataDir });
  return async (proposal) => {
    const override = overrideOfProposal(proposal);
    if (!override) return;
    await recordOverride(
      { overrides, audit, centres: { apply: () => {} } },
      {
        key: override.key,
        action: 'accept',
        by: 'auto',
        patch: override.patch,
        note: `proposal ${proposal.id} (${proposal.kind}, ${proposal.platform}), discovery.auto_accept_identifier_matches`,
      },
    );
  };
}

/**
 * The registry as the public sees it, accepted centres and links included (the operators' overrides),
 * which discovery matches onto. An unreadable overrides file is an error, not a silent fall-back to the
 * registry as imported (that would propose again what operators already decided).
 */
export async function withOverrides(centres: readonly Centre[], dataDir: string): Promise<readonly Centre[]> {
  return applyOverrides(centres, (await readOverridesFile(dataDir)).overrides).centres;
}
