import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { logger as appLogger } from '../shared/logger.ts';

export interface ShutdownOptions {
  /** Stops taking requests first, so nothing is served half-stopped. */
  server?: Pick<Server, 'closeAllConnections'> & { close(done?: () => void): unknown };
  /** More to stop after the poller (the cache's `close`, an embedded simulator). */
  also?: () => Promise<void>;
  logger?: Logger;
  /** Exits even if stopping hangs (default 10 s). */
  timeoutMs?: number;
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

/**
 * SIGTERM / SIGINT stop the process cleanly: the server stops accepting, the poller aborts its requests
 * and writes what it knows, the cache is flushed, then the process exits 0. A second signal exits at once.
 * Returns a function that removes the handlers.
 */
export function installShutdown(
  poller: { stop(): Promise<void> },
  options: ShutdownOptions = {},
): () => void {
  const log = options.logger ?? appLogger;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    log.info({ signal }, 'stopping');
    const force = setTimeout(() => {
      log.error('stopping took too long: exiting');
      exit(1);
    }, options.timeoutMs ?? 10_000);
    force.unref();
    const server = options.server;
    const closed = server
      ? new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        })
      : Promise.resolve();
    Promise.all([closed, poller.stop()])
      .then(() => options.also?.())
      .then(
        () => {
          clearTimeout(force);
          exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, 'error while stopping');
          exit(1);
        },
      );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
