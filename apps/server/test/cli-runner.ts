import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export const ROOT = path.resolve(__dirname, '../../..');
export const ADMIN_CLI = path.join(ROOT, 'apps/server/dist/cli/admin.js');

const run = promisify(execFile);

/** The CLI runs as built (`node apps/server/dist/cli/admin.js`), like `npm run admin` does. */
export async function buildServer(): Promise<void> {
  await run('npm', ['run', 'build', '-w', '@discordgym/contracts'], { cwd: ROOT, timeout: 120_000 });
  await run('npm', ['run', 'build', '-w', '@discordgym/server'], { cwd: ROOT, timeout: 120_000 });
}

export const CLI_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'test-secret-of-at-least-thirty-two-characters',
};

export interface CliRun {
  /** Everything the terminal showed (pty) or stdout (pipes). */
  output: string;
  stderr: string;
  code: number | null;
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI in a real pseudo-terminal (util-linux `script`): stdin and stdout are a
 * tty, the line discipline echoes what is typed unless the program turns echo off. Each
 * step waits for its prompt to appear, then types its answer and Enter.
 */
export function runInPty(args: string[], env: Record<string, string>, steps: Array<[prompt: string, answer: string]>, timeoutMs = 150_000): Promise<CliRun> {
  const command = ['node', ADMIN_CLI, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', ...CLI_ENV, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let stderr = '';
  let searchFrom = 0;
  const pending = [...steps];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI in pty timed out; waiting for ${JSON.stringify(pending[0]?.[0])}; screen so far:\n${output}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      while (pending.length) {
        const [prompt, answer] = pending[0]!;
        const at = output.indexOf(prompt, searchFrom);
        if (at < 0) break;
        searchFrom = at + prompt.length;
        pending.shift();
        // A person types after the prompt is shown; so does this, a moment later.
        setTimeout(() => child.stdin.write(`${answer}\r`), 30);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ output, stderr, code });
    });
  });
}

/** Runs the CLI with plain pipes: no terminal at all (a script, CI, a cron job). */
export function runPiped(args: string[], env: Record<string, string>, stdin?: string, command: string[] = ['node', ADMIN_CLI]): Promise<CliRun> {
  const child = spawn(command[0]!, [...command.slice(1), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...CLI_ENV, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  if (stdin !== undefined) child.stdin.end(stdin);
  else child.stdin.end();
  return new Promise((resolve) => child.once('exit', (code) => resolve({ output, stderr, code })));
}
