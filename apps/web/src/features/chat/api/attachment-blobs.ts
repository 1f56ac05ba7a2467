/**
 * The bytes of files on messages still in the outbox. The outbox itself is JSON in
 * localStorage, which holds no blobs and only a few MB: the files wait in IndexedDB, keyed
 * by account, the message's client_id and the file's place, until the message is sent.
 * A copy in memory serves this visit at once (and is all there is where IndexedDB is not:
 * some private modes), so a send never waits on the disk.
 */

const DB_NAME = 'discordgym.outbox-files';
const STORE = 'files';

/** `user:client_id:index`; the index is zero-padded so keys sort in file order. */
export const blobKey = (userId: string, clientId: string, index: number): string => `${userId}:${clientId}:${String(index).padStart(2, '0')}`;

/** Every key of one message's files: [lower, upper] bounds for IDBKeyRange. */
export const blobKeyBounds = (userId: string, clientId: string): [string, string] => [`${userId}:${clientId}:`, `${userId}:${clientId}:\uffff`];

const memory = new Map<string, Blob>();
let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  opening ??= new Promise<IDBDatabase | null>((resolve) => {
    try {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        const db = request.result;
        // Another tab deleting the database (a logout) must not wait on this connection.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  return open().then(
    (db) =>
      new Promise<T | undefined>((resolve) => {
        if (!db) return resolve(undefined);
        try {
          const tx = db.transaction(STORE, mode);
          const request = work(tx.objectStore(STORE));
          tx.oncomplete = () => resolve(request ? request.result : undefined);
          tx.onerror = () => resolve(undefined);
          tx.onabort = () => resolve(undefined);
        } catch {
          resolve(undefined);
        }
      }),
  );
}

/** Keeps one message's files; resolves once they are on disk (or could not be: memory then holds them for this visit). */
export async function saveFiles(userId: string, clientId: string, files: readonly Blob[]): Promise<void> {
  files.forEach((file, i) => memory.set(blobKey(userId, clientId, i), file));
  await run('readwrite', (store) => {
    files.forEach((file, i) => store.put(file, blobKey(userId, clientId, i)));
  });
}

/** One message's files in order; null where one is lost (storage cleared by the browser). */
export async function loadFiles(userId: string, clientId: string, count: number): Promise<Array<Blob | null>> {
  const keys = Array.from({ length: count }, (_, i) => blobKey(userId, clientId, i));
  if (keys.every((key) => memory.has(key))) return keys.map((key) => memory.get(key)!);
  const missing = keys.filter((key) => !memory.has(key));
  const requests: IDBRequest[] = [];
  await run('readonly', (store) => {
    for (const key of missing) requests.push(store.get(key));
  });
  const byKey = new Map(missing.map((key, i) => [key, requests[i]?.readyState === 'done' ? (requests[i]!.result as unknown) : undefined]));
  return keys.map((key) => {
    const value = memory.get(key) ?? byKey.get(key);
    if (!(value instanceof Blob)) return null;
    memory.set(key, value);
    return value;
  });
}

/** The message was sent or discarded: its files go. */
export async function deleteFiles(userId: string, clientId: string): Promise<void> {
  const [lower, upper] = blobKeyBounds(userId, clientId);
  for (const key of [...memory.keys()]) if (key >= lower && key <= upper) memory.delete(key);
  await run('readwrite', (store) => store.delete(IDBKeyRange.bound(lower, upper)));
}

/** An explicit logout: every account's waiting files on this browser go. */
export async function forgetAllFiles(): Promise<void> {
  memory.clear();
  const db = await opening;
  db?.close();
  opening = null;
  await new Promise<void>((resolve) => {
    try {
      const request = indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    } catch {
      resolve();
    }
  });
}
