import type { APIRoute } from 'astro';
import { handleApi } from '../api/responses.ts';
import { getAppContext } from '../app/app-context.ts';
import { dataDir } from '../config/data-dir.ts';
import { statsCsvResponse } from '../stats/stats-api.ts';

export const GET: APIRoute = ({ url }) =>
  handleApi(async () => statsCsvResponse(await getAppContext(), url, dataDir()));
