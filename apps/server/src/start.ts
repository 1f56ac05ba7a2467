import { createServer, type RunningServer } from './app.factory';
import { type Config, ConfigError, loadConfig } from './config/env';

/** sysexits.h EX_CONFIG: what a supervisor sees when the configuration is wrong. */
export const EXIT_CONFIG = 78;

/** The parts of `process` that start-up touches; `main.ts` passes the real one, tests a fake. */
export interface HostProcess {
  env: Record<string, string | undefined>;
  stderr: { write(text: string): unknown };
  exit(code: number): void;
  on(event: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

/**
 * Parses the environment (exit 78 with every problem listed when it is wrong), starts
 * the server on PORT and stops it gracefully on SIGTERM / SIGINT: no new connections,
 * in-flight requests finish, then database and Redis close, within SHUTDOWN_GRACE_MS.
 * Resolves to the running server, or undefined when the configuration was refused.
 */
export async function start(host: HostProcess): Promise<RunningServer | undefined> {
  let config: Config;
  try {
    config = loadConfig(host.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    host.stderr.write(`${error.message}\n`);
    host.exit(EXIT_CONFIG);
    return undefined;
  }

  const server = await createServer(config);
  await server.app.listen({ port: config.PORT, host: config.HOST });
  const address = server.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  server.logger.info(
    { port, mode: config.embedded.database ? 'embedded' : 'cluster' },
    `DiscordGym is listening on http://localhost:${port}`,
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      server.logger.error('graceful shutdown timed out');
      host.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      await server.close();
      host.exit(0);
    } catch (error) {
      server.logger.error({ err: error }, 'shutdown failed');
      host.exit(1);
    } finally {
      clearTimeout(force);
    }
  };
  host.on('SIGTERM', () => void stop('SIGTERM'));
  host.on('SIGINT', () => void stop('SIGINT'));
  return server;
}
