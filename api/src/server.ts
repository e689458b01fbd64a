import { pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig, type ApiConfig } from './config';
import { fastifyOptions } from './fastify-options';
import app from './app';

/** Builds the API on a Fastify instance made from the shared options; does not listen. */
export async function buildServer(config: ApiConfig): Promise<FastifyInstance> {
  const server = Fastify(fastifyOptions(config));
  await server.register(app, { config });
  await server.ready();
  return server;
}

export interface StartApiOptions {
  /** defaults to the process's environment (config.ts) */
  env?: NodeJS.ProcessEnv;
  /** close gracefully on SIGINT/SIGTERM and on uncaught errors (default true) */
  handleSignals?: boolean;
}

export interface RunningApi {
  server: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

/** How long in-flight requests get to finish after a shutdown signal before the process exits anyway. */
const GRACE_MS = 10_000;

/**
 * Starts the API: checks the configuration (a ConfigError names every bad variable), opens the store
 * and the search engine, listens on API_HOST:API_PORT. With handleSignals, SIGINT/SIGTERM stop taking
 * connections, let in-flight requests finish, then close the search engine and the store.
 */
export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const config = loadConfig(options.env);
  const server = await buildServer(config);
  const address = await server.listen({ port: config.port, host: config.host });
  let closing: Promise<void> | undefined;
  let signals: ReturnType<typeof closeWithGrace> | undefined;
  const close = () => (closing ??= server.close().finally(() => signals?.uninstall()));
  if (options.handleSignals ?? true) {
    // Exits the process once close() resolves (0), or with 1 on an error or when GRACE_MS runs out.
    signals = closeWithGrace({ delay: GRACE_MS }, async ({ signal, err }) => {
      if (err) server.log.error({ err }, 'shutting down after an uncaught error');
      else server.log.info({ signal }, 'shutting down');
      await close();
    });
  }
  return { server, url: address, close };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startApi().catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error('The API could not start:', error);
    process.exit(1);
  });
}
