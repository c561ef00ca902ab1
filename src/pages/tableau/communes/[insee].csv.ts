import type { APIRoute } from 'astro';
import { getAppContext } from '../../../app/app-context.ts';
import { boardCsvResponse } from '../../../board/board-responses.ts';

export const GET: APIRoute = async ({ params, url }) =>
  boardCsvResponse(await getAppContext(), url, 'commune', params.insee);
