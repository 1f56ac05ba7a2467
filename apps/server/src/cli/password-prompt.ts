import { createInterface } from 'node:readline';

/** The terminal the prompts talk to: the process's own, or a test's streams. */
export interface Terminal {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

/** Ctrl-C or Ctrl-D at a prompt: the person gave up, nothing was done. */
export class PromptAborted extends Error {
  constructor(readonly signal: 'SIGINT' | 'EOF') {
    super(signal === 'SIGINT' ? 'Interrupted' : 'No input');
    this.name = 'PromptAborted';
  }
}

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const BACKSPACE = new Set(['\u007f', '\b']);
const MAX_LENGTH = 1024;

/** Both ends must be a terminal: hidden input needs raw mode, and the prompt must be seen. */
export function isInteractive(terminal: Terminal): boolean {
  return terminal.input.isTTY === true && terminal.output.isTTY === true;
}

/** One visible line (email, username): the terminal echoes what is typed. */
export function promptLine(terminal: Terminal, question: string): Promise<string> {
  const rl = createInterface({ input: terminal.input, output: terminal.output, terminal: true });
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.once('SIGINT', () => {
      rl.close();
      reject(new PromptAborted('SIGINT'));
    });
    rl.once('close', () => {
      if (!answered) reject(new PromptAborted('EOF'));
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer.trim());
    });
  });
}

/**
 * The seed's `utils/password-prompt.ts`: a line read in raw mode with nothing echoed (not
 * even `*`, which would tell the length), so the password never reaches the screen, the
 * scrollback or a terminal recording. Backspace and Ctrl-U edit; Ctrl-C aborts.
 */
export function promptHidden(terminal: Terminal, question: string): Promise<string> {
  const { input, output } = terminal;
  if (!input.isTTY) return Promise.reject(new Error('Hidden input needs a terminal'));
  output.write(question);
  const wasRaw = input.isRaw;
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (outcome: () => void) => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(() => resolve(value));
        if (char === CTRL_C) return finish(() => reject(new PromptAborted('SIGINT')));
        if (char === CTRL_D && !value) return finish(() => reject(new PromptAborted('EOF')));
        if (BACKSPACE.has(char)) value = value.slice(0, -1);
        else if (char === CTRL_U) value = '';
        else if (char >= ' ' && value.length < MAX_LENGTH) value += char;
      }
    };
    input.on('data', onData);
  });
}

/**
 * A new password, typed twice. `check` answers why a candidate is refused (too short), so
 * the person can try again without starting over; a mismatch asks for both again.
 */
export async function promptNewPassword(
  terminal: Terminal,
  { check, attempts = 3 }: { check: (password: string) => string | undefined; attempts?: number },
): Promise<string> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const first = await promptHidden(terminal, 'Password: ');
    const problem = check(first);
    if (problem) {
      terminal.output.write(`${problem}. Try again.\n`);
      continue;
    }
    const second = await promptHidden(terminal, 'Repeat password: ');
    if (first === second) return first;
    terminal.output.write('The passwords do not match. Try again.\n');
  }
  throw new Error(`No password after ${attempts} attempts`);
}

/** `--password-stdin`: the first line of standard input (scripts, secrets managers). */
export async function readPasswordFromStdin(input: NodeJS.ReadStream, maxBytes = 4096): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(buffer);
    size += buffer.length;
    if (size > maxBytes) throw new Error(`More than ${maxBytes} bytes on standard input`);
  }
  const [line] = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  return line ?? '';
}
