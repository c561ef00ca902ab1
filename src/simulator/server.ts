import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyDrift, describeFaultError, FaultSpec, type FaultSpecInput, serialize } from './faults.ts';
import { drawSequence } from './hash.ts';
import type { ProviderApi, SimBody, SimRequest, SimResponse } from './http-types.ts';

/**
 * One provider's HTTP server: routes to its API, injects the faults currently set, and answers the
 * control endpoints under `/__sim/` (never subject to faults, except a closed port).
 */

export interface ProviderServerOptions {
  provider: string;
  api: ProviderApi;
  seed: string;
  clock: () => Date;
  host: string;
  port: number;
}

export interface ProviderServer {
  readonly provider: string;
  /** `http://127.0.0.1:<port>`, stable for the server's life, even across a simulated outage. */
  readonly url: string;
  setApi(api: ProviderApi): void;
  faults(): { spec: FaultSpec; downUntil: string | null };
  setFaults(spec: FaultSpecInput): Promise<void>;
  clearFaults(): Promise<void>;
  /** Reopens the port once a `refused` outage is over by the clock; runs by itself every 100 ms. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

const CONTROL_PREFIX = '/__sim/';

export async function startProviderServer(options: ProviderServerOptions): Promise<ProviderServer> {
  const { provider, seed, clock, host } = options;
  let api = options.api;
  let spec: FaultSpec = {};
  let downUntil: number | null = null;
  const draw = drawSequence(seed, provider, 'faults');
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${host}:${port}`}`);
    if (url.pathname.startsWith(CONTROL_PREFIX)) return control(req, res, url);
    const now = clock().getTime();
    if (downUntil !== null && now < downUntil) {
      res.writeHead(503, {
        'content-type': 'text/html',
        'retry-after': String(Math.ceil((downUntil - now) / 1000)),
      });
      res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
      return;
    }
    if (spec.latencyMs) await sleep(spec.latencyMs);
    // Draw every rate on every request, so one fault's setting never shifts another's sequence.
    const [hang, limited, failed, malformed] = [draw(), draw(), draw(), draw()];
    if (spec.timeoutRate !== undefined && hang < spec.timeoutRate) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (spec.rateLimit && limited < spec.rateLimit.rate) {
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(spec.rateLimit.retryAfterSeconds),
      });
      res.end(JSON.stringify({ error: 'Too Many Requests' }));
      return;
    }
    if (spec.errorRate !== undefined && failed < spec.errorRate) {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
      return;
    }
    const request: SimRequest = { method: req.method ?? 'GET', url, headers: req.headers };
    const response: SimResponse =
      request.method === 'GET' || request.method === 'HEAD'
        ? api.handle(request, now)
        : { status: 405, body: { kind: 'json', value: { error: 'Method Not Allowed' } } };
    const body = spec.drift ? applyDrift(response.body, api.driftRenames, spec.drift) : response.body;
    const isMalformed =
      spec.malformedRate !== undefined && malformed < spec.malformedRate && response.status === 200;
    if (body.kind === 'ndjson-stream' && !isMalformed)
      return stream(res, response.status, response.headers ?? {}, body, request.method === 'HEAD');
    send(
      res,
      response.status,
      response.headers ?? {},
      serialize(body, isMalformed),
      request.method === 'HEAD',
    );
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
    const reply = (status: number, value: unknown) =>
      send(
        res,
        status,
        {},
        { text: JSON.stringify(value), contentType: 'application/json; charset=utf-8' },
        false,
      );
    switch (route) {
      case 'GET faults':
        return reply(200, current());
      case 'POST faults': {
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch {
          return reply(400, { error: 'The body must be a JSON FaultSpec.' });
        }
        const parsed = FaultSpec.safeParse(body);
        if (!parsed.success) return reply(400, { error: describeFaultError(parsed.error) });
        if (parsed.data.down?.mode === 'refused') {
          // Closing the port would cut this very answer: answer first, then go down.
          res.once('finish', () => void setFaults(parsed.data).catch(() => undefined));
          return reply(200, {
            spec: parsed.data,
            downUntil: new Date(clock().getTime() + parsed.data.down.minutes * 60_000).toISOString(),
          });
        }
        await setFaults(parsed.data);
        return reply(200, current());
      }
      case 'DELETE faults':
        await clearFaults();
        return reply(200, current());
      case 'GET centres':
        return reply(200, api.describe());
      case 'GET clock':
        return reply(200, { now: clock().toISOString() });
      default:
        return reply(404, { error: `No control route ${route}` });
    }
  }

  function current() {
    return { spec, downUntil: downUntil === null ? null : new Date(downUntil).toISOString() };
  }

  let listening = false;
  let port = options.port;
  async function open(): Promise<void> {
    if (listening) return;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    port = (server.address() as AddressInfo).port;
    listening = true;
  }
  async function shut(): Promise<void> {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive and hanging connections would otherwise keep the "down" provider answering.
    server.closeAllConnections();
    for (const res of hanging) res.destroy();
    await closed;
  }

  async function setFaults(input: FaultSpecInput): Promise<void> {
    spec = FaultSpec.parse(input);
    downUntil = spec.down ? clock().getTime() + spec.down.minutes * 60_000 : null;
    if (spec.down?.mode === 'refused') await shut();
    else await open();
  }
  async function clearFaults(): Promise<void> {
    spec = {};
    downUntil = null;
    for (const res of hanging) res.destroy();
    await open();
  }
  async function refresh(): Promise<void> {
    if (downUntil !== null && clock().getTime() >= downUntil) {
      const { down: _over, ...rest } = spec;
      spec = rest;
      downUntil = null;
    }
    if (downUntil === null) await open();
  }

  await open();
  const timer = setInterval(() => void refresh().catch(() => undefined), 100);
  timer.unref();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    provider,
    url,
    setApi(next) {
      api = next;
    },
    faults: current,
    setFaults,
    clearFaults,
    refresh,
    async close() {
      clearInterval(timer);
      await shut();
    },
  };
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: { text: string; contentType: string | null },
  head: boolean,
): void {
  const all: Record<string, string | number> = { ...headers };
  if (body.contentType) all['content-type'] = body.contentType;
  if (status !== 304) all['content-length'] = Buffer.byteLength(body.text);
  res.writeHead(status, all);
  res.end(head || status === 304 ? undefined : body.text);
}

/** Bytes gathered before a write; between two writes, other requests get their turn. */
const STREAM_CHUNK = 64 * 1024;

/**
 * Writes a generated NDJSON body as it comes (chunked, no `content-length`): waits for the socket to
 * drain when the client reads slowly, stops when it goes away, and yields to the event loop after each
 * chunk so that a file taking seconds to write never holds up the other providers' answers.
 */
async function stream(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Extract<SimBody, { kind: 'ndjson-stream' }>,
  head: boolean,
): Promise<void> {
  res.writeHead(status, { ...headers, 'content-type': body.contentType });
  if (head) {
    res.end();
    return;
  }
  let chunk = '';
  for (const line of body.lines()) {
    chunk += `${JSON.stringify(line)}\n`;
    if (chunk.length < STREAM_CHUNK) continue;
    if (res.destroyed) return;
    const flowing = res.write(chunk);
    chunk = '';
    if (!flowing)
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!res.destroyed) res.end(chunk);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > 65_536) throw new Error('control body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
