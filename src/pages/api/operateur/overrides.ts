import type { APIRoute } from 'astro';
import { getAppContext } from '../../../app/app-context.ts';
import { getOverrides, putOverrides } from '../../../operators/console/overrides-api.ts';

/** The operators' overrides as JSON: GET exports, POST (X-CSRF-Token) imports (docs/OPERATORS.md). */
export const GET: APIRoute = async ({ request }) => getOverrides(request, await getAppContext());
export const POST: APIRoute = async ({ request }) => putOverrides(request, await getAppContext());
