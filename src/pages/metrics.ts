import type { APIRoute } from 'astro';
import { createMetrics, metricsAuthorised } from '../api/metrics.ts';
import { type AppContext, getAppContext } from '../app/app-context.ts';
import { responseSettings } from '../responses/settings.ts';
import { handleApi } from '../shared/http.ts';

let metrics: { app: AppContext; metrics: ReturnType<typeof createMetrics> } | undefined;
const token = responseSettings().metricsToken;

export const GET: APIRoute = ({ request }) =>
  handleApi(async () => {
    const refusal = metricsAuthorised(token, request.headers.get('authorization'));
    if (refusal) return refusal;
    const app = await getAppContext();
    if (metrics?.app !== app) metrics = { app, metrics: createMetrics(app) };
    return metrics.metrics.response();
  });
