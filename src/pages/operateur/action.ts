import type { APIRoute } from 'astro';
import { getAppContext } from '../../app/app-context.ts';
import { openProposalStore } from '../../discovery/proposal-store.ts';
import { OPERATOR_HEADERS } from '../../operators/access/session.ts';
import { handleAction } from '../../operators/console/handle-action.ts';

/** POST /operateur/action: every console action (src/operators/console/handle-action.ts). */
export const POST: APIRoute = async ({ request }) => {
  const app = await getAppContext();
  return handleAction(request, {
    ...app,
    centres: app.liveCentres,
    proposals: openProposalStore(app.overrides.dataDir),
  });
};

/** A GET here is a link followed by mistake: back to the queue. */
export const GET: APIRoute = () =>
  new Response(null, { status: 303, headers: { ...OPERATOR_HEADERS, location: '/operateur' } });
