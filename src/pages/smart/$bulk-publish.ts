import type { APIRoute } from 'astro';
import { getAppContext } from '../../app/app-context.ts';
import { smartManifest } from '../../opendata/smart-publication.ts';
import { corsPreflight, handleApi } from '../../shared/http.ts';

export const GET: APIRoute = ({ request }) =>
  handleApi(async () => smartManifest(await getAppContext(), request));
export const OPTIONS: APIRoute = () => corsPreflight();
