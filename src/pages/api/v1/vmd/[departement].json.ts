import type { APIRoute } from 'astro';
import { corsPreflight } from '../../../../api/cors.ts';
import { handleApi } from '../../../../api/responses.ts';
import { getAppContext } from '../../../../app/app-context.ts';
import { vmdDepartement } from '../../../../opendata/vmd.ts';

export const GET: APIRoute = ({ request, params }) =>
  handleApi(async () => vmdDepartement(await getAppContext(), request, params.departement));
export const OPTIONS: APIRoute = () => corsPreflight();
