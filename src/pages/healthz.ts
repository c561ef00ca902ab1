import type { APIRoute } from 'astro';
import { health } from '../api/health.ts';
import { getAppContext } from '../app/app-context.ts';
import { handleApi } from '../shared/http.ts';

export const GET: APIRoute = () => handleApi(async () => health(await getAppContext()));
