import { AppError } from '../../common/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Album pages go by a row id (keyset); the cursor is that id, base64url, so clients treat it as opaque. */
export const encodeAlbumCursor = (id: string): string => Buffer.from(id).toString('base64url');

export function decodeAlbumCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!UUID.test(id)) throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  return id;
}

/** One page out of `limit + 1` rows. */
export function pageOf<R, T>(rows: R[], limit: number, idOf: (row: R) => string, map: (row: R) => T): { items: T[]; next_cursor: string | null } {
  const page = rows.slice(0, limit);
  return { items: page.map(map), next_cursor: rows.length > limit ? encodeAlbumCursor(idOf(page.at(-1)!)) : null };
}
