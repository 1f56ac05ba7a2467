import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Password, UserRole } from '@discordgym/contracts';
import { ZodError } from 'zod';
import { AppError } from '../common/app-error';
import { ConfigError, loadConfig } from '../config/env';
import { DataDirBusyError } from '../infra/db/data-dir-lock';
import { AdminCommand } from '../modules/admin/admin-command.schema';
import type { AdminCommandResult } from '../modules/admin/admin-commands';
import { sendToServer } from './admin-socket.client';
import { isInteractive, PromptAborted, promptLine, promptNewPassword, readPasswordFromStdin, type Terminal } from './password-prompt';

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-admin                        create an admin account (asks for email, username, password)
      --email E --username U --password-stdin    the same without a terminal (password on stdin)
  promote <handle> <role>             give name#1234 the role member, moderator or admin
  ban <handle> --reason R [--until ISO-8601]     ban name#1234 (every session and socket ends)
  unban <handle>                      lift a ban
  reset-password <handle> [--password-stdin]     set a new password (every session ends)

The CLI reads the server's environment (DATA_DIR, or DATABASE_URL and REDIS_URL). In the
embedded mode it asks the running server over its admin socket, or opens the data folder
itself while no server runs.`;

/** How long to wait for a starting (or stopping) embedded server to open its admin socket or let go of the folder. */
const EMBEDDED_WAIT_MS = 30_000;

class UsageError extends Error {}

export interface CliIo extends Terminal {
  error: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
}

/** Exit codes: 0 done, 1 refused or failed, 2 wrong usage, 130 interrupted. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let command: AdminCommand;
  try {
    command = await buildCommand(argv, io);
  } catch (error) {
    if (error instanceof PromptAborted) {
      io.error.write('\nAborted: nothing was changed.\n');
      return 130;
    }
    if (error instanceof UsageError) {
      io.error.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.error.write(`${describe(error)}\n`);
    return 1;
  }
  try {
    const result = await execute(command, io.env);
    io.output.write(`${result.message}\n`);
    return 0;
  } catch (error) {
    io.error.write(`${describe(error)}\n`);
    return 1;
  }
}

async function execute(command: AdminCommand, env: Record<string, string | undefined>): Promise<AdminCommandResult> {
  const config = loadConfig(env);
  // The whole server (Nest, PGlite) loads only when the CLI runs the command itself: asking
  // a running server over its socket stays quick.
  const runLocally = async (cmd: AdminCommand) => {
    const [{ runLocally: run }, { createLogger }] = await Promise.all([import('./cli-infrastructure.js'), import('../common/logger.js')]);
    return run(config, createLogger(env.LOG_LEVEL ?? 'silent', 'admin-cli'), cmd);
  };
  if (!config.embedded.database) return runLocally(command);
  if (config.DATA_DIR.startsWith('memory://')) throw new UsageError('DATA_DIR=memory:// holds nothing the CLI could reach');

  const deadline = Date.now() + EMBEDDED_WAIT_MS;
  for (;;) {
    const remote = await sendToServer(config.DATA_DIR, command);
    if (remote.kind === 'answered') {
      if (remote.answer.ok) return remote.answer.data;
      throw new AppError(remote.answer.error.code, remote.answer.error.message, remote.answer.error.details);
    }
    try {
      return await runLocally(command);
    } catch (error) {
      // A server starting up holds the folder before its socket listens: ask it again shortly.
      if (!(error instanceof DataDirBusyError) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function buildCommand(argv: string[], io: CliIo): Promise<AdminCommand> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (!name || values.help) throw new UsageError(name ? 'Help' : 'No command given');
  const arity = (n: number, what: string) => {
    if (rest.length !== n) throw new UsageError(`${name} takes ${what}`);
  };

  let command: unknown;
  switch (name) {
    case 'create-admin': {
      arity(0, 'no arguments (use --email, --username)');
      if (values['password-stdin']) {
        if (!values.email || !values.username) throw new UsageError('--password-stdin needs --email and --username');
        command = { command: name, email: values.email, username: values.username, password: await readPasswordFromStdin(io.input) };
        break;
      }
      if (!isInteractive(io)) throw new UsageError('No terminal to ask for a password on: pass --email E --username U --password-stdin');
      const email = values.email ?? (await promptLine(io, 'Email: '));
      const username = values.username ?? (await promptLine(io, 'Username: '));
      command = { command: name, email, username, password: await askNewPassword(io) };
      break;
    }
    case 'promote':
      arity(2, '<handle> <role>');
      if (!UserRole.safeParse(rest[1]).success) throw new UsageError(`Unknown role "${rest[1]}" (member, moderator or admin)`);
      command = { command: name, handle: rest[0], role: rest[1] };
      break;
    case 'ban':
      arity(1, '<handle> --reason R [--until ISO-8601]');
      if (!values.reason) throw new UsageError('ban needs --reason');
      command = { command: name, handle: rest[0], reason: values.reason, ...(values.until ? { until: values.until } : {}) };
      break;
    case 'unban':
      arity(1, '<handle>');
      command = { command: name, handle: rest[0] };
      break;
    case 'reset-password': {
      arity(1, '<handle>');
      let password: string;
      if (values['password-stdin']) password = await readPasswordFromStdin(io.input);
      else if (isInteractive(io)) password = await askNewPassword(io);
      else throw new UsageError('No terminal to ask for a password on: pass --password-stdin');
      command = { command: name, handle: rest[0], password };
      break;
    }
    default:
      throw new UsageError(`Unknown command "${name}"`);
  }
  const checked = AdminCommand.safeParse(command);
  if (!checked.success) throw checked.error;
  return checked.data;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      email: { type: 'string' },
      username: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      reason: { type: 'string' },
      until: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Twice, hidden; the length rule is the contract's, so a refusal here is the server's too. */
function askNewPassword(io: Terminal): Promise<string> {
  return promptNewPassword(io, {
    check: (password) => {
      const result = Password.safeParse(password);
      return result.success ? undefined : `The password must be 8 to 128 characters`;
    },
  });
}

function describe(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof ZodError) return `Invalid input: ${error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`;
  if (error instanceof AppError) return `Refused (${error.code}): ${error.message}`;
  if (error instanceof DataDirBusyError) return `${error.message}. Try again once it is done.`;
  return `Failed: ${error instanceof Error ? error.message : String(error)}`;
}

if (typeof require !== 'undefined' && require.main === module) {
  main(process.argv.slice(2), { input: process.stdin, output: process.stdout, error: process.stderr, env: process.env }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${describe(error)}\n`);
      process.exit(1);
    },
  );
}
