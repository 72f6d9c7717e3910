import { once } from 'node:events';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appContext, type PlatformApp } from '../app-context.ts';
import { flushLogsSync } from '../logger/create-logger.ts';
import { createTlsServer } from '../tls/create-tls-server.ts';
import type { TlsFiles } from '../tls/tls-material.ts';
import { watchTlsFiles } from '../tls/watch-tls-files.ts';
import { createAdminServer } from './admin-server.ts';
import { clientError } from './client-error.ts';
import { handshakeFailures } from './handshake-failures.ts';
import { exitOnFatalErrors, exitOnSignals } from './process-handlers.ts';
import type { ReadinessCheck } from './readiness.ts';
import { createShutdown, type ShutdownHook } from './shutdown.ts';
import { defaults } from '../config/defaults.ts';

/** Options of {@link serve}; {@link serveOptions} derives most of them from the config. */
export interface ServeOptions {
  /** API port; default 8443, 0 picks a free one. */
  port?: number;
  /** Admin port (`/livez`, `/readyz`, `/metrics`); default 9090. */
  adminPort?: number;
  /** Default `0.0.0.0`. */
  host?: string;
  /**
   * Serve HTTPS with these files, reloaded when they change; plain HTTP without (said on the
   * startup line). The admin server uses the same certificate.
   */
  tls?: TlsFiles;
  /**
   * Mutual TLS: the DNS names (SANs) of the clients the API accepts, e.g. `['gateway']`. Empty:
   * no client certificate is asked for. The admin server never asks (kubelet probes have none).
   */
  allowedClients?: readonly string[];
  /** Named checks behind `/readyz`, e.g. `{ database: () => store.ping() }`. */
  readiness?: Record<string, ReadinessCheck>;
  /** Each readiness check's time limit; default 2000 ms. */
  readinessTimeoutMs?: number;
  /** Cleanup hooks run after the API server drained, in order. */
  onShutdown?: ShutdownHook[];
  /** Wait between readiness off and closing the listener; default 5000 ms. */
  shutdownDelayMs?: number;
  /** Longest drain before giving up (exit 1); default 10000 ms. */
  shutdownTimeoutMs?: number;
  /** Time to receive a request's headers; default 10000 ms. */
  headersTimeoutMs?: number;
  /** Time to receive a whole request; default 60000 ms. */
  requestTimeoutMs?: number;
  /** Idle keep-alive socket lifetime, above the 60 s of common load balancers; default 65000 ms. */
  keepAliveTimeoutMs?: number;
  /**
   * How often Node checks the header and request timeouts of open connections; default 1000 ms
   * (Node's own 30 s would let a slow client overstay either timeout by up to that long).
   */
  connectionsCheckingIntervalMs?: number;
  /** Time for a client to complete the TLS handshake; default 5000 ms (Node's: 120 s). */
  tlsHandshakeTimeoutMs?: number;
  /** Largest request header block in bytes (431 beyond); default 16384. */
  maxHeaderSize?: number;
  /**
   * Open connections the API server holds at once; beyond, a new one is closed at once, so idle
   * sockets cannot pile up to the memory limit. Default 1024. The admin server has its own 64.
   */
  maxConnections?: number;
  /** Own the process: signals, fatal errors, exit codes. Default true; tests pass false. */
  handleProcess?: boolean;
}

/** What {@link serve} returns: the bound ports and a `close()` that runs the shutdown sequence. */
export interface ServeHandle {
  port: number;
  adminPort: number;
  close: () => Promise<void>;
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/**
 * Runs `app` (made by `createApp`): the API server, a separate admin server, graceful shutdown
 * on SIGTERM/SIGINT and a fatal exit on uncaught errors. Logs one startup line.
 *
 * @example
 * await serve(app, { ...serveOptions(config), readiness: { database: () => store.ping() } });
 */
export async function serve(
  app: PlatformApp,
  {
    port = defaults.port,
    adminPort = defaults.adminPort,
    host = defaults.host,
    tls,
    allowedClients = [],
    readiness = {},
    readinessTimeoutMs = 2000,
    onShutdown = [],
    shutdownDelayMs = defaults.shutdownDelayMs,
    shutdownTimeoutMs = defaults.shutdownTimeoutMs,
    headersTimeoutMs = defaults.headersTimeoutMs,
    requestTimeoutMs = defaults.requestTimeoutMs,
    keepAliveTimeoutMs = defaults.keepAliveTimeoutMs,
    connectionsCheckingIntervalMs = defaults.connectionsCheckingIntervalMs,
    tlsHandshakeTimeoutMs = defaults.tlsHandshakeTimeoutMs,
    maxHeaderSize = defaults.maxHeaderSize,
    maxConnections = defaults.maxConnections,
    handleProcess = true,
  }: ServeOptions = {},
): Promise<ServeHandle> {
  const { service, version, logger, registry, relaxed } = appContext(app);
  const limits = {
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    connectionsCheckingInterval: connectionsCheckingIntervalMs,
    maxHeaderSize,
  };
  if (allowedClients.length > 0 && !tls) {
    throw new Error('Mutual TLS (allowedClients) needs the TLS files');
  }
  const watcher = tls ? await watchTlsFiles(tls, { logger }) : undefined;
  const onHandshakeFailure = handshakeFailures(logger, registry);
  const serverFor = (listener: RequestListener, clients: readonly string[]): Server =>
    watcher
      ? createTlsServer(listener, watcher, {
          allowedClients: clients,
          logger,
          onHandshakeFailure,
          server: { ...limits, handshakeTimeout: tlsHandshakeTimeoutMs },
        })
      : createHttpServer(limits, listener);
  const api = serverFor(app, allowedClients);
  api.maxConnections = maxConnections;
  api.on('clientError', clientError);

  const state = { draining: false };
  const isDraining = () => state.draining;
  const admin = createAdminServer({
    registry,
    readiness,
    readinessTimeoutMs,
    isDraining,
    logger,
    serverFor: (listener) => {
      const server = serverFor(listener, []);
      // Only the kubelet and the scraper call it; a small cap keeps it answering them.
      server.maxConnections = 64;
      return server;
    },
  });
  const shutdown = createShutdown({
    api,
    admin,
    logger,
    state,
    delayMs: shutdownDelayMs,
    timeoutMs: shutdownTimeoutMs,
    hooks: watcher
      ? [
          ...onShutdown,
          () => {
            watcher.close();
          },
        ]
      : onShutdown,
    onTimeout: () => {
      logger.error({ shutdownTimeoutMs }, 'shutdown timed out: closing remaining connections');
      if (handleProcess) {
        flushLogsSync(logger);
        process.exit(1);
      }
      api.closeAllConnections();
    },
  });
  if (handleProcess) {
    exitOnFatalErrors(logger);
    exitOnSignals(shutdown, logger);
  }

  const boundPort = await listen(api, port, host);
  const boundAdminPort = await listen(admin, adminPort, host);
  const off = tls ? relaxed : ['tls off', ...relaxed];
  logger.info(
    {
      port: boundPort,
      adminPort: boundAdminPort,
      tls: Boolean(tls),
      mtlsClients: allowedClients,
      off,
    },
    `${service} ${version} listening`,
  );
  return { port: boundPort, adminPort: boundAdminPort, close: shutdown };
}
