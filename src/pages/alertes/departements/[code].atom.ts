import type { APIRoute } from 'astro';
import { departementAlertFeed } from '../../../alerts/alert-feeds.ts';
import { getAppContext } from '../../../app/app-context.ts';
import { handleApi } from '../../../shared/http.ts';

export const GET: APIRoute = ({ request, params }) =>
  handleApi(async () => departementAlertFeed(await getAppContext(), request, params.code));
