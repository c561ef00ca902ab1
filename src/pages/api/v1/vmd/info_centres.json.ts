import type { APIRoute } from 'astro';
import { getAppContext } from '../../../../app/app-context.ts';
import { vmdInfoCentres } from '../../../../opendata/vmd.ts';
import { corsPreflight, handleApi } from '../../../../shared/http.ts';

export const GET: APIRoute = ({ request }) =>
  handleApi(async () => vmdInfoCentres(await getAppContext(), request));
export const OPTIONS: APIRoute = () => corsPreflight();
