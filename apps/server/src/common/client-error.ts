import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { type ErrorBody, errorStatus } from '@discordgym/contracts';

export type ClientSocket = Pick<Socket, 'destroyed' | 'writable' | 'write' | 'destroy'>;

/**
 * Requests Node's HTTP parser refuses never reach Fastify or Nest: a URL or headers past
 * the header size limit, or malformed HTTP. They get the one error shape too (Fastify's
 * default answers in its own). A request that did not arrive in time is closed unanswered.
 */
export function answerClientError(error: Error & { code?: string }, socket: ClientSocket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (error.code !== 'ERR_HTTP_REQUEST_TIMEOUT' && socket.writable) {
    const body: ErrorBody =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The URL or the headers are too large' } }
        : { error: { code: 'VALIDATION_FAILED', message: 'Malformed HTTP request' } };
    const status = errorStatus[body.error.code];
    const payload = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
    );
  }
  socket.destroy(error);
}
