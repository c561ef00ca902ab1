import type { APIRoute } from 'astro';
import { getAppContext } from '../app/app-context.ts';
import { searchCsv } from '../communes/csv-exports.ts';

export const GET: APIRoute = async ({ url }) =>
  searchCsv(await getAppContext(), url.searchParams, url.origin);
