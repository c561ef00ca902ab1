import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadAppContext, setAppContext } from '../app/app-context.ts';
import { logger } from '../app/logger.ts';
import { ensureBuild } from './ensure-build.ts';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * `npm start`: one process that loads the registry, then serves the Astro site and API.
 * (Astro's own standalone server is disabled so that start-up work happens here first.)
 */
export async function startServer(options: { port?: number; host?: string; root?: string } = {}) {
  const startedAt = performance.now();
  const root = options.root ?? path.resolve(fileURLToPath(import.meta.url), '../../..');
  ensureBuild(root);
  const context = await loadAppContext();
  setAppContext(context);
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = pathToFileURL(path.join(root, 'dist/server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: NodeHandler };
  const server = http.createServer(handler);
  const port = options.port ?? Number(process.env.PORT ?? 4321);
  const host = options.host ?? process.env.HOST ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  logger.info(
    {
      url: `http://localhost:${boundPort}`,
      registry: context.registry.kind,
      centres: context.centres.size,
      startup_ms: Math.round(performance.now() - startedAt),
    },
    context.registry.kind === 'demo'
      ? 'Créneau is serving demo data'
      : 'Créneau is serving the imported registry',
  );
  return { server, port: boundPort };
}

if (import.meta.main) {
  const { server } = await startServer();
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
