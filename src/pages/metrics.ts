import type { APIRoute } from 'astro';
import { createMetrics } from '../api/metrics.ts';
import { type AppContext, getAppContext } from '../app/app-context.ts';
import { handleApi } from '../shared/http.ts';

let metrics: { app: AppContext; metrics: ReturnType<typeof createMetrics> } | undefined;

export const GET: APIRoute = () =>
  handleApi(async () => {
    const app = await getAppContext();
    if (metrics?.app !== app) metrics = { app, metrics: createMetrics(app) };
    return metrics.metrics.response();
  });
