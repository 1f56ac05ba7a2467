import { AppError } from '../../common/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A keyset cursor over a time-ordered id: opaque to clients, so it can change later. */
export function encodeIdCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

export function decodeIdCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!UUID.test(id)) throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  return id;
}
