import type { APIRoute } from 'astro';
import { communeAlertFeed } from '../../../alerts/alert-feeds.ts';
import { getAppContext } from '../../../app/app-context.ts';
import { handleApi } from '../../../shared/http.ts';

export const GET: APIRoute = ({ request, params }) =>
  handleApi(async () => communeAlertFeed(await getAppContext(), request, params.insee));
