import type { APIRoute } from 'astro';
import { departementCentres } from '../../../../api/departements.ts';
import { getAppContext } from '../../../../app/app-context.ts';
import { corsPreflight, handleApi } from '../../../../shared/http.ts';

export const GET: APIRoute = ({ request, params }) =>
  handleApi(async () => departementCentres(await getAppContext(), request, params.code));
export const OPTIONS: APIRoute = () => corsPreflight();
