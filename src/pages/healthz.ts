import type { APIRoute } from 'astro';
import { health } from '../api/health.ts';
import { handleApi } from '../api/responses.ts';
import { getAppContext } from '../app/app-context.ts';

export const GET: APIRoute = () => handleApi(async () => health(await getAppContext()));
