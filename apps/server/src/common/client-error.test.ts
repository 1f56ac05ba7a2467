import { ErrorBody } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import { answerClientError, type ClientSocket } from './client-error';

/** A strict fake: records what was written and whether the connection was closed. */
function fakeSocket(state: { destroyed?: boolean; writable?: boolean } = {}) {
  const socket = {
    destroyed: state.destroyed ?? false,
    writable: state.writable ?? true,
    written: [] as string[],
    destroyedWith: undefined as unknown,
    write(chunk: string) {
      this.written.push(chunk);
      return true;
    },
    destroy(error?: Error) {
      this.destroyedWith = error ?? null;
      this.destroyed = true;
      return this;
    },
  };
  return socket as typeof socket & ClientSocket;
}

const errorWith = (code: string) => Object.assign(new Error(code), { code });

function parse(answer: string) {
  const [head, body] = answer.split('\r\n\r\n') as [string, string];
  return { statusLine: head.split('\r\n')[0], head, body: ErrorBody.parse(JSON.parse(body)), length: Number(/Content-Length: (\d+)/.exec(head)?.[1]), raw: body };
}

describe('answerClientError', () => {
  it('answers headers past the limit with 413 PAYLOAD_TOO_LARGE in the error shape, then closes', () => {
    const socket = fakeSocket();
    const error = errorWith('HPE_HEADER_OVERFLOW');
    answerClientError(error, socket);
    const answer = parse(socket.written.join(''));
    expect(answer.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(answer.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.head).toContain('Content-Type: application/json');
    expect(answer.head).toContain('Connection: close');
    expect(answer.length).toBe(Buffer.byteLength(answer.raw));
    expect(socket.destroyedWith).toBe(error);
  });

  it.each(['HPE_INVALID_METHOD', 'HPE_INVALID_HEADER_TOKEN', 'HPE_UNEXPECTED_CONTENT_LENGTH', 'SOMETHING_NEW'])('answers %s with 400 VALIDATION_FAILED', (code) => {
    const socket = fakeSocket();
    answerClientError(errorWith(code), socket);
    const answer = parse(socket.written.join(''));
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: 'Malformed HTTP request' } });
    expect(socket.destroyed).toBe(true);
  });

  it('closes a request that timed out without answering', () => {
    const socket = fakeSocket();
    answerClientError(errorWith('ERR_HTTP_REQUEST_TIMEOUT'), socket);
    expect(socket.written).toEqual([]);
    expect(socket.destroyed).toBe(true);
  });

  it('leaves a reset or already closed connection alone', () => {
    const reset = fakeSocket();
    answerClientError(errorWith('ECONNRESET'), reset);
    expect([reset.written, reset.destroyedWith]).toEqual([[], undefined]);
    const closed = fakeSocket({ destroyed: true });
    answerClientError(errorWith('HPE_HEADER_OVERFLOW'), closed);
    expect([closed.written, closed.destroyedWith]).toEqual([[], undefined]);
  });

  it('only closes a socket that can no longer be written', () => {
    const socket = fakeSocket({ writable: false });
    answerClientError(errorWith('HPE_HEADER_OVERFLOW'), socket);
    expect(socket.written).toEqual([]);
    expect(socket.destroyed).toBe(true);
  });
});
