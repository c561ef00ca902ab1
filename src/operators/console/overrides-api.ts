import { OPERATOR_HEADERS, type OperatorAccessParts, requireOperator } from '../access/session.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { LiveCentres } from '../overrides/live-centres.ts';
import { type OverrideStore, OverridesFileError } from '../overrides/override-store.ts';

export interface OverridesApiDeps extends OperatorAccessParts {
  overrides: OverrideStore;
  audit: AuditLog;
  liveCentres: Pick<LiveCentres, 'apply'>;
}

const json = (body: unknown, status = 200) =>
  new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status,
    headers: { ...OPERATOR_HEADERS, 'content-type': 'application/json; charset=utf-8' },
  });

/** GET /api/operateur/overrides: the overrides file, as `creneau overrides export` writes it. */
export async function getOverrides(request: Request, deps: OverridesApiDeps): Promise<Response> {
  const guard = await requireOperator(request, deps, { kind: 'api' });
  if (!guard.ok) return guard.response;
  return new Response(await deps.overrides.exportText(), {
    headers: { ...OPERATOR_HEADERS, 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * PUT or POST /api/operateur/overrides (header `X-CSRF-Token`, body an overrides file): replaces every
 * override, validated first (400 and nothing changed when the file is not one), logged, applied.
 */
export async function putOverrides(request: Request, deps: OverridesApiDeps): Promise<Response> {
  const guard = await requireOperator(request, deps, { kind: 'api' });
  if (!guard.ok) return guard.response;
  const text = await request.text();
  try {
    const result = await deps.overrides.importText(text);
    await deps.audit.append({
      by: guard.session.name,
      action: 'import',
      target: 'overrides',
      before: { overrides: result.before },
      after: { overrides: result.after, revision: result.revision },
    });
    deps.liveCentres.apply(await deps.overrides.list());
    return json({ imported: result.after, replaced: result.before, revision: result.revision });
  } catch (error) {
    if (!(error instanceof OverridesFileError)) throw error;
    return json({ error: { code: 'bad_request', status: 400, message: error.message } }, 400);
  }
}
