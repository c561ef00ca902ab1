import type { APIRoute } from 'astro';
import { suggestPlaces } from '../../../api/places.ts';
import { getAppContext } from '../../../app/app-context.ts';
import { corsPreflight, handleApi } from '../../../shared/http.ts';

export const GET: APIRoute = ({ url }) => handleApi(async () => suggestPlaces(await getAppContext(), url));
export const OPTIONS: APIRoute = () => corsPreflight();
