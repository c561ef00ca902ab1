import type { APIRoute } from 'astro';
import { getAppContext } from '../../app/app-context.ts';
import { OPERATOR_HEADERS, requireOperator } from '../../operators/access/session.ts';

/** GET /operateur/overrides.json: the operators' decisions, as `creneau overrides import` reads them. */
export const GET: APIRoute = async ({ request }) => {
  const app = await getAppContext();
  const guard = await requireOperator(request, app, { kind: 'page' });
  if (!guard.ok) return guard.response;
  return new Response(await app.overrides.exportText(), {
    headers: {
      ...OPERATOR_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="overrides.json"',
    },
  });
};
