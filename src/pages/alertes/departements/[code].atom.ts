import type { APIRoute } from 'astro';
import { departementAlertFeed } from '../../../alerts/alert-feeds.ts';
import { handleApi } from '../../../api/responses.ts';
import { getAppContext } from '../../../app/app-context.ts';

export const GET: APIRoute = ({ request, params }) =>
  handleApi(async () => departementAlertFeed(await getAppContext(), request, params.code));
