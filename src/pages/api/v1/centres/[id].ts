import type { APIRoute } from 'astro';
import { getCentre } from '../../../../api/centres.ts';
import { corsPreflight } from '../../../../api/cors.ts';
import { getAppContext } from '../../../../app/app-context.ts';
import { handleApi } from '../../../../shared/http.ts';

export const GET: APIRoute = ({ request, params }) =>
  handleApi(async () => getCentre(await getAppContext(), request, params.id));
export const OPTIONS: APIRoute = () => corsPreflight();
