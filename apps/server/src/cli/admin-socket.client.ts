import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { ErrorBody } from '@discordgym/contracts';
import type { AdminCommand } from '../modules/admin/admin-command.schema';
import type { AdminCommandResult } from '../modules/admin/admin-commands';
import { ADMIN_SOCKET_MAX_BYTES, adminSocketPaths } from '../modules/admin/admin-socket.paths';

export type SocketOutcome =
  | { kind: 'unavailable' }
  | { kind: 'answered'; answer: { ok: true; data: AdminCommandResult } | { ok: false; error: ErrorBody['error'] } };

const TIMEOUT_MS = 30_000;

/**
 * Sends one command to the running embedded server. `unavailable` when nobody listens
 * (no server, a dead one's socket file, no token yet): the caller then opens the folder
 * itself, under the lock.
 */
export function sendToServer(dataDir: string, command: AdminCommand): Promise<SocketOutcome> {
  const paths = adminSocketPaths(dataDir);
  let token: string;
  try {
    token = readFileSync(paths.token, 'utf8').trim();
  } catch {
    return Promise.resolve({ kind: 'unavailable' });
  }
  return new Promise((resolve, reject) => {
    const socket = connect(paths.socket);
    let connected = false;
    let buffered = '';
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('The server did not answer in time')));
    socket.once('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify({ token, command })}\n`);
    });
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      if (buffered.length > ADMIN_SOCKET_MAX_BYTES) socket.destroy(new Error('Answer too large'));
    });
    socket.once('end', () => {
      try {
        resolve({ kind: 'answered', answer: JSON.parse(buffered.trim()) as Extract<SocketOutcome, { kind: 'answered' }>['answer'] });
      } catch {
        reject(new Error('The server sent an answer this CLI does not understand'));
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (!connected && ['ENOENT', 'ECONNREFUSED', 'ENOTSOCK'].includes(error.code ?? '')) resolve({ kind: 'unavailable' });
      else reject(error);
    });
  });
}
