import type { APIRoute } from 'astro';
import { communeAlertFeed } from '../../../alerts/alert-feeds.ts';
import { handleApi } from '../../../api/responses.ts';
import { getAppContext } from '../../../app/app-context.ts';

export const GET: APIRoute = ({ request, params }) =>
  handleApi(async () => communeAlertFeed(await getAppContext(), request, params.insee));
