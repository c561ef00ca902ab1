import autocannon from 'autocannon';

export interface LoadResult {
  connections: number;
  durationS: number;
  /** Mean of autocannon's per-second samples. */
  requestsPerSecond: number;
  /** Milliseconds (autocannon's resolution is 1 ms). */
  latency: { p50: number; p90: number; p99: number; max: number };
  responses: number;
  statusCounts: Record<string, number>;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  /** Sent with every request (e.g. `accept-encoding`, as a browser would). */
  headers?: Record<string, string>;
  /** Picks each request's path in turn (the mixed-traffic generator); `url`'s path otherwise. */
  nextPath?: () => string;
}

/** One closed-loop run: `connections` keep-alive connections each send a request as soon as the last is answered. */
export async function measure(url: string, options: LoadOptions): Promise<LoadResult> {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1') throw new Error(`the benchmarks load only 127.0.0.1, not ${hostname}`);
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.nextPath
      ? { requests: [{ setupRequest: (request) => ({ ...request, path: options.nextPath?.() ?? '/' }) }] }
      : {}),
    ...(options.warmupS > 0
      ? { warmup: { connections: options.connections, duration: options.warmupS } }
      : {}),
  });
  return {
    connections: options.connections,
    durationS: result.duration,
    requestsPerSecond: result.requests.average,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    responses: result.requests.total,
    statusCounts: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, Number(count)]),
    ),
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
