// First: restarts this process with the server's V8 flags before anything else is loaded.
import './node-flags.ts';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startAlertEngine } from '../alerts/alert-engine.ts';
import { createAlertStore } from '../alerts/alert-store.ts';
import { loadAppContext, setAppContext } from '../app/app-context.ts';
import { configProblem, openPolling, type Polling } from '../app/open-polling.ts';
import { createAvailabilityView } from '../availability/availability-view.ts';
import { configureKnowledge } from '../availability/knowledge.ts';
import { cacheConfigFromEnv, createCache } from '../cache/create-cache.ts';
import { DEFAULT_PUBLIC_URL, publicOrigin } from '../config/alert-settings.ts';
import { dataDir } from '../config/data-dir.ts';
import { eligibilityNotice } from '../config/eligibility.ts';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { assertPublicUrl, PublicUrlRequiredError } from '../config/public-url-required.ts';
import { tileSettings } from '../config/tiles.ts';
import { centresWithOverrides } from '../operators/overrides/on-import.ts';
import { configurePairs } from '../pairs/pairs-settings.ts';
import { getGazetteer } from '../places/gazetteer.ts';
import { installShutdown } from '../poller/shutdown.ts';
import { createPushSender } from '../push/push-sender.ts';
import { pushServiceFromEnv } from '../push/push-service.ts';
import { pushSettingsFromEnv } from '../push/push-settings.ts';
import { loadRegistry } from '../registry/load-registry.ts';
import { createResponsePath } from '../responses/response-path.ts';
import { responseSettings } from '../responses/settings.ts';
import { publishResponseStats } from '../responses/stats.ts';
import { logger } from '../shared/logger.ts';
import { startStatsSampler } from '../stats/sampler.ts';
import { ensureBuild } from './ensure-build.ts';
import { listenAddress } from './listen-address.ts';
import { listenShared } from './listeners.ts';
import { ServerResponseWithReason } from './reason-phrase.ts';
import { createStaticAssets } from './static-assets.ts';
import { stopWithParent } from './stop-with-parent.ts';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Connections the kernel holds for the server before it takes them in (capped by
 * `net.core.somaxconn`). Node's 511 overflowed when 500 connections arrived at once while the event
 * loop was busy: a busy loop takes in a few connections per turn (measured: at most 7), and each
 * refused handshake costs the client a SYN retransmission of 1 s, 3 s, 7 s… (docs/BENCHMARKS.md).
 */
const LISTEN_BACKLOG = 4096;

export interface StartOptions {
  port?: number;
  host?: string;
  root?: string;
  env?: NodeJS.ProcessEnv;
}

/** `CRENEAU_POLLER=off` makes a web-only instance (a separate `npx creneau worker` polls). */
function pollerWanted(env: NodeJS.ProcessEnv): boolean {
  return !['off', 'false', '0', 'no'].includes((env.CRENEAU_POLLER ?? '').trim().toLowerCase());
}

/**
 * `npm start`: one process that loads the registry, opens the cache, runs the poller beside the
 * site (against the embedded provider simulator unless providers are configured), and serves
 * Astro's handler. Pages and the API read the cache through the availability view only.
 */
export async function startServer(options: StartOptions = {}) {
  const startedAt = performance.now();
  const env = options.env ?? process.env;
  const root = options.root ?? path.resolve(fileURLToPath(import.meta.url), '../../..');
  const buildDir = ensureBuild(root) ?? path.join(root, 'dist');
  const settings = responseSettings(env);

  const registry = await loadRegistry(getGazetteer());
  const startConfig = await loadConfig({ env });
  // Off the embedded demo, links need CRENEAU_PUBLIC_URL (or CRENEAU_ALLOWED_HOSTS): never Host.
  assertPublicUrl({ registryKind: registry.kind, config: startConfig }, env);
  // Web Push is off without VAPID keys; wrong ones stop the start like any bad setting (src/push/push-settings.ts).
  const pushProblems = pushSettingsFromEnv(env).problems;
  if (pushProblems.length > 0) throw new ConfigError(pushProblems);
  const cache = await createCache(cacheConfigFromEnv(env), { logger });
  let polling: Polling | null = null;
  if (pollerWanted(env)) {
    try {
      // Polled as served: the operators' overrides applied (an accepted discovered centre is polled too).
      const centres = await centresWithOverrides(dataDir(env), registry.centres);
      polling = await openPolling({ env, centres, cache, logger });
    } catch (error) {
      await cache.close();
      throw error;
    }
  }
  const availability = createAvailabilityView(cache, {
    onError: (error) => logger.warn({ err: error }, 'could not refresh availability from the cache'),
  });
  await availability.refresh();
  availability.start(1_000);
  const activePoller = polling?.poller;
  const config = polling?.config ?? startConfig;
  configureKnowledge(config.availability);
  configurePairs(config.pairs);
  const alerts = createAlertStore(cache, config.alerts);
  const push = pushServiceFromEnv(env, cache).service;
  const context = await loadAppContext({
    registry,
    availability,
    alerts,
    push,
    booking: { allowedHosts: config.booking.allowed_hosts },
    // Operator sessions, rate-limit counts and (under Redis) reports are shared through the cache.
    cache,
    operatorAccounts: config.operators,
    dataDir: dataDir(env),
    pollIntervalS: polling?.config.poller.intervals.active_s ?? 120,
    runtimeHealth: async () => ({
      cache: await cache.health(),
      poller: activePoller
        ? {
            role: activePoller.isLeader() ? 'leader' : 'standby',
            simulated: polling?.embedded.simulated ?? [],
          }
        : { role: 'off' },
    }),
  });
  setAppContext(context);

  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = pathToFileURL(path.join(buildDir, 'server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: NodeHandler };
  // Every request, whatever its route, goes through the one response path (src/responses/).
  // Prerendered pages carry markers for this deployment's lines, filled once here (layouts/deployment-lines.ts).
  const staticAssets = createStaticAssets(path.join(buildDir, 'client'), {
    facts: {
      registry: context.registry,
      eligibility: eligibilityNotice(env, { demo: context.registry.kind === 'demo' }),
    },
  });
  const responses = createResponsePath({
    astro: handler,
    staticFile: staticAssets,
    notFoundPage: staticAssets.notFound,
    app: context,
    settings,
    // Only an explicit CRENEAU_PUBLIC_URL is "configured"; a malformed one stopped the start already.
    publicUrl: env.CRENEAU_PUBLIC_URL?.trim() ? (publicOrigin(env) ?? DEFAULT_PUBLIC_URL) : null,
    fallbackUrl: DEFAULT_PUBLIC_URL,
    tileUrl: tileSettings(env).url,
    logger,
  });
  publishResponseStats(responses.stats);
  const makeServer = () => {
    const server = http.createServer({ ServerResponse: ServerResponseWithReason }, responses.handle);
    // A request too malformed for Node's parser: a plain 400, never an exception.
    server.on('clientError', (_error, socket) => {
      if (socket.writable)
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
    return server;
  };
  const port = options.port ?? Number(env.PORT ?? 4321);
  const host = options.host ?? env.HOST ?? '0.0.0.0';
  const server = await listenShared(makeServer, {
    port,
    host,
    backlog: LISTEN_BACKLOG,
    sockets: settings.listenSockets,
  });
  if (activePoller) await activePoller.start();
  // Leader-only jobs: they run in every instance but act only while it holds the poller lease.
  const isLeader = () => activePoller?.isLeader() ?? false;
  const stats = polling
    ? startStatsSampler({ app: context, isLeader, dataDir: dataDir(env), settings: config.stats, logger })
    : null;
  const alertEngine = polling
    ? startAlertEngine({
        app: context,
        store: alerts,
        isLeader,
        settings: config.alerts,
        logger,
        push: push
          ? createPushSender({
              store: push.store,
              settings: push.settings,
              publicUrl: config.alerts.public_url,
              logger,
            })
          : undefined,
      })
    : null;

  const bound = server.address();
  const boundPort = bound.port;
  logger.info(
    {
      // What the kernel bound (port 0 gives a free one; HOST a wildcard or one interface).
      ...listenAddress(bound),
      registry: context.registry.kind,
      centres: context.centres.size,
      cache: cache.name,
      poller: activePoller ? (activePoller.isLeader() ? 'leader' : 'standby') : 'off',
      simulated: polling?.embedded.simulated ?? [],
      startup_ms: Math.round(performance.now() - startedAt),
    },
    context.registry.kind === 'demo'
      ? 'Créneau is serving demo data'
      : 'Créneau is serving the imported registry',
  );

  const closeRest = async () => {
    responses.stop();
    publishResponseStats(undefined);
    await stats?.stop();
    await alertEngine?.stop();
    availability.stop();
    if (polling) await polling.close();
    await cache.close();
  };
  return { server, port: boundPort, activePoller, closeRest };
}

if (import.meta.main) {
  try {
    const { server, activePoller, closeRest } = await startServer();
    installShutdown(activePoller ?? { stop: async () => {} }, { server, also: closeRest });
    stopWithParent();
  } catch (error) {
    const problem = error instanceof PublicUrlRequiredError ? error.message : configProblem(error);
    if (problem === null) throw error;
    process.stderr.write(`creneau: ${problem}\n`);
    process.exit(1);
  }
}
