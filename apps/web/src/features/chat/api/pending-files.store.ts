import { checkFiles, claimedType, type FileRefusal, isPaintableImage } from './attachment-files';

/** A file picked, pasted or dropped into a composer, not sent yet. */
export interface PendingFile {
  id: string;
  file: File;
  type: string;
  /** A local object URL for the chip's thumbnail (images the browser paints only). */
  previewUrl: string | null;
}

/** Why some files were not taken: said once above the chips, until dismissed or the next add. */
export interface PendingNotice {
  overflow: number;
  refused: Array<{ name: string; reason: FileRefusal }>;
}

export interface RoomFiles {
  files: readonly PendingFile[];
  notice: PendingNotice | null;
}

type Listener = () => void;

const EMPTY: RoomFiles = { files: [], notice: null };
const rooms = new Map<string, RoomFiles>();
const listeners = new Set<Listener>();
let nextId = 0;

const set = (roomId: string, value: RoomFiles): void => {
  if (value.files.length || value.notice) rooms.set(roomId, value);
  else rooms.delete(roomId);
  for (const listener of [...listeners]) listener();
};

/**
 * The files waiting in each room's composer. Per room, like its draft, so switching rooms
 * keeps them; in memory only (a File cannot be kept in localStorage). The room's drop zone
 * and the composer share them.
 */
export const pendingFiles = {
  get: (roomId: string): RoomFiles => rooms.get(roomId) ?? EMPTY,
  add(roomId: string, incoming: readonly File[]): void {
    if (!incoming.length) return;
    const current = rooms.get(roomId) ?? EMPTY;
    const check = checkFiles(current.files.length, incoming);
    const added = check.accepted.map((file): PendingFile => {
      const type = claimedType(file);
      return { id: `f${++nextId}`, file, type, previewUrl: isPaintableImage(type) ? URL.createObjectURL(file) : null };
    });
    const notice = check.overflow || check.refused.length ? { overflow: check.overflow, refused: check.refused } : null;
    set(roomId, { files: [...current.files, ...added], notice });
  },
  remove(roomId: string, id: string): void {
    const current = rooms.get(roomId) ?? EMPTY;
    const gone = current.files.find((f) => f.id === id);
    if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
    set(roomId, { files: current.files.filter((f) => f.id !== id), notice: null });
  },
  dismissNotice(roomId: string): void {
    const current = rooms.get(roomId);
    if (current?.notice) set(roomId, { ...current, notice: null });
  },
  /** The files go onto a message: the composer is empty again. */
  take(roomId: string): PendingFile[] {
    const current = rooms.get(roomId) ?? EMPTY;
    for (const f of current.files) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
    set(roomId, EMPTY);
    return [...current.files];
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
