import type { APIRoute } from 'astro';
import { getAppContext } from '../../../../app/app-context.ts';
import { unsubscribe } from '../../../../push/push-api.ts';
import { handleApi } from '../../../../shared/http.ts';

/** `POST /api/v1/push/unsubscribe`: forgets this browser's alert, in one click (docs/API.md). */
export const POST: APIRoute = ({ request }) =>
  handleApi(async () => unsubscribe(await getAppContext(), request));
