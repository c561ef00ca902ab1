import type { APIRoute } from 'astro';
import { getAppContext } from '../app/app-context.ts';
import { dataDir } from '../config/data-dir.ts';
import { handleApi } from '../shared/http.ts';
import { statsCsvResponse } from '../stats/stats-api.ts';

export const GET: APIRoute = ({ url }) =>
  handleApi(async () => statsCsvResponse(await getAppContext(), url, dataDir()));
