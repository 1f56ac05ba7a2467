import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { z } from 'zod';
import { toErrorResponse } from '../../common/error-response';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { AdminCommand } from './admin-command.schema';
import { AdminCommands } from './admin-commands';
import { ADMIN_SOCKET_MAX_BYTES, adminSocketPaths } from './admin-socket.paths';

const Request = z.object({ token: z.string().min(1).max(200), command: z.unknown() });
const IDLE_MS = 10_000;

/**
 * The embedded server's door for the admin CLI. PGlite can be open in one process only, so
 * while the server runs, the CLI sends its command here and the server runs it with the
 * same services (one JSON line in, one out). Only in the embedded mode with a data folder,
 * and only in a process that serves HTTP (not in the CLI's own application context).
 */
@Injectable()
export class AdminSocketServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AdminSocketServer.name);
  private server: Server | undefined;
  private token: Buffer | undefined;
  private paths: ReturnType<typeof adminSocketPaths> | undefined;

  constructor(
    private readonly commands: AdminCommands,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.embedded.database || this.config.DATA_DIR.startsWith('memory://') || !this.adapterHost.httpAdapter) return;
    const paths = adminSocketPaths(this.config.DATA_DIR);
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    chmodSync(paths.dir, 0o700);
    // This process holds the data folder's lock: a socket file left here is a dead server's.
    rmSync(paths.socket, { force: true });
    const token = randomBytes(32).toString('hex');
    writeFileSync(paths.token, token, { mode: 0o600 });
    chmodSync(paths.token, 0o600);
    const server = createServer((socket) => this.serve(socket));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(paths.socket, () => resolve());
      });
      chmodSync(paths.socket, 0o600);
    } catch (error) {
      // A path too long for a unix socket, say: the CLI then waits for the lock and says so.
      this.logger.warn(`admin socket not available: ${String(error)}`);
      rmSync(paths.token, { force: true });
      return;
    }
    this.server = server;
    this.token = Buffer.from(token);
    this.paths = paths;
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server || !this.paths) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(this.paths.token, { force: true });
    rmSync(this.paths.socket, { force: true });
  }

  private serve(socket: Socket): void {
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    let buffered = '';
    let handled = false;
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      if (handled) return;
      buffered += chunk.toString('utf8');
      if (buffered.length > ADMIN_SOCKET_MAX_BYTES) {
        handled = true;
        return this.answer(socket, { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request too large' } });
      }
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      handled = true;
      void this.handle(buffered.slice(0, newline)).then((answer) => this.answer(socket, answer));
    });
  }

  private async handle(line: string): Promise<unknown> {
    let parsed: z.infer<typeof Request>;
    try {
      parsed = Request.parse(JSON.parse(line));
    } catch {
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Not an admin request' } };
    }
    const presented = Buffer.from(parsed.token);
    if (!this.token || presented.length !== this.token.length || !timingSafeEqual(presented, this.token)) {
      return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong admin token' } };
    }
    const command = AdminCommand.safeParse(parsed.command);
    if (!command.success) {
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: command.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
    }
    try {
      return { ok: true, data: await this.commands.run(command.data) };
    } catch (error) {
      const response = toErrorResponse(error);
      if (response.unexpected) this.logger.error(`admin command ${command.data.command} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return { ok: false, error: response.body.error };
    }
  }

  private answer(socket: Socket, answer: unknown): void {
    socket.end(`${JSON.stringify(answer)}\n`);
  }
}
