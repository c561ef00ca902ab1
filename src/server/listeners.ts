import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Why several listening sockets: libuv (since 1.49, Node 22 and later) accepts one connection per
 * listening socket per turn of the event loop, and on a busy instance a turn lasts as long as it
 * takes to answer every connection that has a request ready. At a peak, visitors already connected
 * are served while newcomers wait in the kernel's accept queue: measured with 500 connections
 * opened on a busy instance, about 10 accepted a second and 300 of them timed out after 10 s
 * (docs/BENCHMARKS.md, "mixed traffic"). With SO_REUSEPORT (Linux, BSDs) the same port is opened
 * by several sockets, the kernel spreads new connections over them, and each turn accepts one per
 * socket (`CRENEAU_LISTEN_SOCKETS`, 32 by default: src/responses/settings.ts).
 */

export interface Listeners {
  /** What the kernel bound (the first socket; the others share its address and port). */
  address(): AddressInfo;
  /** Stops accepting on every socket; `done` once every connection is closed. */
  close(done?: () => void): void;
  closeAllConnections(): void;
  readonly count: number;
}

export interface ListenOptions {
  port: number;
  host: string;
  backlog: number;
  /** Listening sockets on the port; 1 opens a plain socket (no SO_REUSEPORT). */
  sockets: number;
}

function listenOne(server: Server, options: ListenOptions, port: number, reusePort: boolean) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: options.host, backlog: options.backlog, reusePort }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Opens `options.sockets` servers made by `make` on one port (port 0: the port the first one got).
 * Where the platform has no SO_REUSEPORT the first socket alone serves, as before.
 */
export async function listenShared(make: () => Server, options: ListenOptions): Promise<Listeners> {
  const first = make();
  const shared = options.sockets > 1;
  try {
    await listenOne(first, options, options.port, shared);
  } catch (error) {
    if (!shared || (error as NodeJS.ErrnoException).code !== 'ENOTSUP') throw error;
    return listenShared(make, { ...options, sockets: 1 });
  }
  const bound = first.address();
  if (typeof bound !== 'object' || bound === null) throw new Error('the server is not listening on TCP');
  const servers: Server[] = [first];
  try {
    for (let i = 1; i < options.sockets; i++) {
      const server = make();
      await listenOne(server, options, bound.port, true);
      servers.push(server);
    }
  } catch (error) {
    for (const server of servers) server.close();
    throw error;
  }
  return {
    address: () => bound,
    count: servers.length,
    close(done) {
      let open = servers.length;
      for (const server of servers)
        server.close(() => {
          open -= 1;
          if (open === 0) done?.();
        });
    },
    closeAllConnections() {
      for (const server of servers) server.closeAllConnections();
    },
  };
}
