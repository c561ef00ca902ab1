import type { APIRoute } from 'astro';
import { getAppContext } from '../../app/app-context.ts';
import { smartFile } from '../../opendata/smart-publication.ts';
import { corsPreflight, handleApi } from '../../shared/http.ts';

export const GET: APIRoute = ({ request, params }) =>
  handleApi(async () => smartFile(await getAppContext(), request, 'Location', params.departement));
export const OPTIONS: APIRoute = () => corsPreflight();
