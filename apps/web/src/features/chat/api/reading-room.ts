/**
 * The room the user is looking at right now (open, tab visible, scrolled to the newest
 * message), or null. Messages arriving there are not counted as unread: they are read
 * as they appear.
 */
let current: string | null = null;

export const readingRoom = {
  get: (): string | null => current,
  set(roomId: string | null): void {
    current = roomId;
  },
};
