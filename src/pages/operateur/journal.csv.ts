import type { APIRoute } from 'astro';
import { getAppContext } from '../../app/app-context.ts';
import { OPERATOR_HEADERS, requireOperator } from '../../operators/access/session.ts';
import { auditCsv } from '../../operators/audit/audit-log.ts';

/** GET /operateur/journal.csv: the audit log (formula-guarded CSV, src/shared/csv.ts). */
export const GET: APIRoute = async ({ request }) => {
  const app = await getAppContext();
  const guard = await requireOperator(request, app, { kind: 'page' });
  if (!guard.ok) return guard.response;
  return new Response(auditCsv(await app.audit.list()), {
    headers: {
      ...OPERATOR_HEADERS,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="journal-operateurs.csv"',
    },
  });
};
