import type { Logger } from 'pino';
import type { Proposal } from './proposal.ts';

/**
 * Writes an accepted proposal as an operator override, the way the console's "accept" does
 * (src/operators/console: the override, the audit line), by `auto`. Loaded lazily: null when the
 * operators' override store is not part of this build, in which case the proposal stays accepted and
 * the operator applies it from the console.
 */
export async function overrideWriter(
  dataDir: string,
  logger: Logger,
): Promise<((proposal: Proposal) => Promise<void>) | null> {
  let modules: [
    typeof import('../operators/console/proposals.ts'),
    typeof import('../operators/console/actions.ts'),
    typeof import('../operators/overrides/override-store.ts'),
    typeof import('../operators/audit/audit-log.ts'),
  ];
  try {
    modules = await Promise.all([
      import('../operators/console/proposals.ts'),
      import('../operators/console/actions.ts'),
      import('../operators/overrides/override-store.ts'),
      import('../operators/audit/audit-log.ts'),
    ]);
  } catch (error) {
    logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'no operator override store: auto-accepted proposals stay accepted, without override',
    );
    return null;
  }
  const [{ overrideOfProposal }, { recordOverride }, { createOverrideStore }, { createAuditLog }] = modules;
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
 * which discovery matches onto; the registry as imported when the override store is not part of this build.
 */
export async function withOverrides(
  centres: readonly import('../registry/centre.ts').Centre[],
  dataDir: string,
): Promise<readonly import('../registry/centre.ts').Centre[]> {
  try {
    const [{ applyOverrides }, { readOverridesFile }] = await Promise.all([
      import('../operators/overrides/apply.ts'),
      import('../operators/overrides/override-store.ts'),
    ]);
    return applyOverrides(centres, (await readOverridesFile(dataDir)).overrides).centres;
  } catch {
    return centres;
  }
}
