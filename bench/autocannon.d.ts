/** The part of autocannon's programmatic API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    headers?: Record<string, string>;
    warmup?: { connections?: number; duration?: number };
    /** Requests each connection sends in turn; `setupRequest` may rewrite one before it goes. */
    requests?: Array<{
      method?: string;
      path?: string;
      setupRequest?: (request: RequestParams) => RequestParams;
    }>;
  }

  interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
  }

  interface Result {
    url: string;
    connections: number;
    /** Seconds. */
    duration: number;
    /** Per-second samples of the number of responses. */
    requests: Histogram;
    /** Milliseconds, at 1 ms resolution. */
    latency: Histogram;
    /** Per-second samples of the bytes received. */
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  }

  interface Instance extends PromiseLike<Result> {
    stop(): void;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
  export type { Options, Result };
}
