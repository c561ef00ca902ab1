import type { APIRoute } from 'astro';
import { getAppContext } from '../../../app/app-context.ts';
import { boardJson } from '../../../board/board-responses.ts';

export const GET: APIRoute = async ({ params, request }) =>
  boardJson(await getAppContext(), request, 'departement', params.code);
