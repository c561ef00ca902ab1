import type { APIRoute } from 'astro';
import { getAppContext } from '../../app/app-context.ts';
import { OPERATOR_HEADERS, requireOperator } from '../../operators/access/session.ts';

/** GET /operateur/journal.jsonl: the audit log, one JSON object a line, oldest first. */
export const GET: APIRoute = async ({ request }) => {
  const app = await getAppContext();
  const guard = await requireOperator(request, app, { kind: 'page' });
  if (!guard.ok) return guard.response;
  const entries = (await app.audit.list()).reverse();
  return new Response(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''), {
    headers: {
      ...OPERATOR_HEADERS,
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': 'attachment; filename="journal-operateurs.jsonl"',
    },
  });
};
