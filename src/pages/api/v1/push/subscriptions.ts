import type { APIRoute } from 'astro';
import { getAppContext } from '../../../../app/app-context.ts';
import { subscribe } from '../../../../push/push-api.ts';
import { handleApi } from '../../../../shared/http.ts';

/** `POST /api/v1/push/subscriptions`: this browser's alert, from the "Être prévenu" page (docs/API.md). */
export const POST: APIRoute = ({ request }) =>
  handleApi(async () => subscribe(await getAppContext(), request));
