import type { APIRoute } from 'astro';
import { listCentres } from '../../../../api/centres.ts';
import { getAppContext } from '../../../../app/app-context.ts';
import { corsPreflight, handleApi } from '../../../../shared/http.ts';

export const GET: APIRoute = ({ request, url }) =>
  handleApi(async () => listCentres(await getAppContext(), request, url));
export const OPTIONS: APIRoute = () => corsPreflight();
