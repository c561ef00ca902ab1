import type { APIRoute } from 'astro';
import { corsPreflight } from '../../api/cors.ts';
import { handleApi } from '../../api/responses.ts';
import { getAppContext } from '../../app/app-context.ts';
import { smartManifest } from '../../opendata/smart-publication.ts';

export const GET: APIRoute = ({ request }) =>
  handleApi(async () => smartManifest(await getAppContext(), request));
export const OPTIONS: APIRoute = () => corsPreflight();
