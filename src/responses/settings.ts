import { z } from 'zod';

const number = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * The response path's settings, from the environment (documented in docs/CONFIGURATION.md,
 * "Serving"). Every key has a default that suits one small machine.
 */
export const ResponseSettingsEnv = z.object({
  /** Bytes of prepared responses (all encodings) kept in memory; least recently used go first. */
  CRENEAU_RESPONSE_MEMO_MB: number(1, 4096, 64),
  /** A prepared page is rebuilt in the background at most this often even without new data (ages stay true). */
  CRENEAU_RESPONSE_REFRESH_S: number(1, 3600, 30),
  /** Event-loop lag (ms, the median over the last second) above which new uncached renders are shed with a 503. */
  CRENEAU_OVERLOAD_LAG_MS: number(10, 60_000, 500),
  /** Renders in flight above which new uncached renders are shed with a 503. */
  CRENEAU_RENDER_QUEUE_MAX: number(1, 10_000, 64),
  /**
   * Longest expected wait (ms) for which a new uncached render is started: past it (renders now take
   * longer, or the oldest in flight has run longer), the visitor gets the 503 page at once.
   */
  CRENEAU_RENDER_WAIT_BUDGET_MS: number(10, 600_000, 2_000),
  /** Longest a visitor waits for one render (ms): past it they get the shed page, and nothing is kept. */
  CRENEAU_RENDER_TIMEOUT_MS: number(100, 600_000, 5_000),
  /**
   * Listening sockets opened on the port (SO_REUSEPORT): each turn of the event loop accepts one
   * connection per socket, so a busy instance still lets newcomers in (src/server/listeners.ts).
   */
  CRENEAU_LISTEN_SOCKETS: number(1, 256, 32),
  /** Bearer token `/metrics` requires (`Authorization: Bearer …`); unset: `/metrics` answers 404. */
  CRENEAU_METRICS_TOKEN: z.string().trim().min(16).optional(),
  /** Hosts (`host` or `host:port`, comma-separated) accepted in `Host` besides CRENEAU_PUBLIC_URL's. */
  CRENEAU_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
});

export interface ResponseSettings {
  memoBytes: number;
  refreshMs: number;
  lagThresholdMs: number;
  renderQueueMax: number;
  renderWaitBudgetMs: number;
  renderTimeoutMs: number;
  listenSockets: number;
  metricsToken: string | null;
  allowedHosts: string[];
}

/** Reads the settings; a malformed value is an error naming the variable (the start stops on it). */
export function responseSettings(env: NodeJS.ProcessEnv = process.env): ResponseSettings {
  const present = Object.fromEntries(
    Object.keys(ResponseSettingsEnv.shape).flatMap((key) => {
      const value = env[key]?.trim();
      return value ? [[key, value]] : [];
    }),
  );
  const parsed = ResponseSettingsEnv.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') ?? 'response settings'}: ${issue?.message ?? 'invalid'}`);
  }
  const settings = parsed.data;
  return {
    memoBytes: settings.CRENEAU_RESPONSE_MEMO_MB * 1024 * 1024,
    refreshMs: settings.CRENEAU_RESPONSE_REFRESH_S * 1000,
    lagThresholdMs: settings.CRENEAU_OVERLOAD_LAG_MS,
    renderQueueMax: settings.CRENEAU_RENDER_QUEUE_MAX,
    renderWaitBudgetMs: settings.CRENEAU_RENDER_WAIT_BUDGET_MS,
    renderTimeoutMs: settings.CRENEAU_RENDER_TIMEOUT_MS,
    listenSockets: settings.CRENEAU_LISTEN_SOCKETS,
    metricsToken: settings.CRENEAU_METRICS_TOKEN ?? null,
    allowedHosts: settings.CRENEAU_ALLOWED_HOSTS,
  };
}
