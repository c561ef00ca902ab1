import type { APIRoute } from 'astro';
import { getAppContext } from '../../app/app-context.ts';
import { communeCsv } from '../../communes/csv-exports.ts';
import { sheetQuery } from '../../communes/sheet-query.ts';

export const GET: APIRoute = async ({ params, url }) =>
  communeCsv(await getAppContext(), params.insee, sheetQuery(url.searchParams), url.origin);
