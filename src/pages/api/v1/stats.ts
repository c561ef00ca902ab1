import type { APIRoute } from 'astro';
import { getAppContext } from '../../../app/app-context.ts';
import { dataDir } from '../../../config/data-dir.ts';
import { corsPreflight, handleApi } from '../../../shared/http.ts';
import { statsJson } from '../../../stats/stats-api.ts';

export const GET: APIRoute = ({ request, url }) =>
  handleApi(async () => statsJson(await getAppContext(), request, url, dataDir()));
export const OPTIONS: APIRoute = () => corsPreflight();
