import type { APIRoute } from 'astro';
import { getAppContext } from '../../../../app/app-context.ts';
import { vmdDepartement } from '../../../../opendata/vmd.ts';
import { corsPreflight, handleApi } from '../../../../shared/http.ts';

export const GET: APIRoute = ({ request, params }) =>
  handleApi(async () => vmdDepartement(await getAppContext(), request, params.departement));
export const OPTIONS: APIRoute = () => corsPreflight();
