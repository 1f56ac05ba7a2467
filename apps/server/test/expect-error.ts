import { ErrorBody, type ErrorCode, errorStatus } from '@discordgym/contracts';
import { expect } from 'vitest';
import type { ApiResponse } from './api-client';

/**
 * The one error shape, exactly: `{ error: { code, message, details? } }` and nothing else
 * (no stack, no SQL), with the status the contracts give the code.
 */
export function expectError(response: ApiResponse, status: number, code?: ErrorCode): void {
  const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  expect(ErrorBody.safeParse(response.body).success, `not an ErrorBody (${response.status}): ${text?.slice(0, 300)}`).toBe(true);
  expect(Object.keys(response.body)).toEqual(['error']);
  expect(['code', 'message', 'details']).toEqual(expect.arrayContaining(Object.keys(response.body.error)));
  expect({ status: response.status, code: response.body.error.code }).toEqual({ status, code: code ?? response.body.error.code });
  expect(errorStatus[response.body.error.code as ErrorCode]).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
}
