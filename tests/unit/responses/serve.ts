import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeHandler } from '../../../src/responses/astro-render.ts';
import type { LagSource } from '../../../src/responses/overload.ts';
import { createResponsePath, type ResponsePathOptions } from '../../../src/responses/response-path.ts';
import type { ResponseSettings } from '../../../src/responses/settings.ts';

/** A lag the test sets: the gate reads it, no timer involved. */
export function fixedLag(initial = 0): LagSource & { set(ms: number): void } {
  let value = initial;
  return { lagMs: () => value, stop() {}, set: (ms) => (value = ms) };
}

export const SETTINGS: ResponseSettings = {
  memoBytes: 8 * 1024 * 1024,
  refreshMs: 60_000,
  lagThresholdMs: 200,
  renderQueueMax: 8,
  renderWaitBudgetMs: 2_000,
  renderTimeoutMs: 10_000,
  listenSockets: 1,
  metricsToken: null,
  allowedHosts: [],
};

/** A data version and a clock the test moves. */
export function testApp() {
  const state = { version: 'v1', listing: 'day-1', now: 1_000_000 };
  return {
    state,
    app: {
      availability: {
        get version() {
          return state.version;
        },
      },
      centres: { listingKey: () => state.listing },
      pollIntervalS: 120,
    },
    now: () => state.now,
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly the headers given (no client-side decompression). */
export function send(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${base}${path}`,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** A response path in front of `astro` on a free port. */
export async function serve(
  astro: NodeHandler,
  overrides: Partial<Omit<ResponsePathOptions, 'settings'>> & { settings?: Partial<ResponseSettings> } = {},
) {
  const world = testApp();
  const lag = fixedLag();
  const logged: Array<{ level: string; fields: unknown; message: string }> = [];
  const path = createResponsePath({
    astro,
    staticFile: () => null,
    app: world.app,
    publicUrl: 'https://creneau.example',
    fallbackUrl: 'http://localhost:4321',
    tileUrl: 'https://tile.example/{z}/{x}/{y}.png',
    logger: {
      warn: (fields: unknown, message?: string) =>
        logged.push({ level: 'warn', fields, message: message ?? '' }),
      error: (fields: unknown, message?: string) =>
        logged.push({ level: 'error', fields, message: message ?? '' }),
    } as never,
    lag,
    now: world.now,
    ...overrides,
    settings: { ...SETTINGS, ...overrides.settings },
  });
  const server = http.createServer(path.handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    path,
    lag,
    world,
    logged,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A stand-in for Astro's handler: counts renders per URL and answers what `page` says. */
export function fakeAstro(
  page: (
    url: string,
    headers: http.IncomingHttpHeaders,
  ) => { status?: number; headers?: Record<string, string>; body: string },
) {
  const renders: string[] = [];
  const handler: NodeHandler = (req, res) => {
    renders.push(req.url ?? '');
    const answer = page(req.url ?? '', req.headers);
    res.writeHead(answer.status ?? 200, { 'content-type': 'text/html', ...answer.headers });
    res.write(answer.body.slice(0, 10));
    res.end(answer.body.slice(10));
  };
  return { handler, renders };
}
