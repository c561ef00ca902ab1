import type { APIRoute } from 'astro';
import { getCentre } from '../../../../api/centres.ts';
import { getAppContext } from '../../../../app/app-context.ts';
import { corsPreflight, handleApi } from '../../../../shared/http.ts';

export const GET: APIRoute = ({ request, params }) =>
  handleApi(async () => getCentre(await getAppContext(), request, params.id));
export const OPTIONS: APIRoute = () => corsPreflight();
