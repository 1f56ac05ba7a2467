import { forgetStoredWithPrefix, readStored, writeStored } from '../../../lib/storage/local-store';

type Drafts = Record<string, string>;

const parseDrafts = (value: unknown): Drafts | null => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
};

/** What was typed but not sent, per room; survives switching rooms and reloading. */
export interface DraftStore {
  get(roomId: string): string;
  set(roomId: string, text: string): void;
  /** Drops every draft and any write still waiting. */
  clear(): void;
}

const DRAFTS_PREFIX = 'discordgym.drafts.';

function createDraftStore(userId: string): DraftStore {
  const key = `${DRAFTS_PREFIX}${userId}`;
  const drafts: Drafts = readStored(key, parseDrafts) ?? {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const persist = (): void => {
    clearTimeout(timer);
    timer = undefined;
    writeStored(key, Object.keys(drafts).length ? drafts : undefined);
  };
  // A reload right after typing must not lose the last keystrokes.
  window.addEventListener('pagehide', () => timer !== undefined && persist());
  return {
    get: (roomId) => drafts[roomId] ?? '',
    set(roomId, text) {
      if (text) drafts[roomId] = text;
      else delete drafts[roomId];
      clearTimeout(timer);
      timer = setTimeout(persist, 250);
    },
    clear() {
      clearTimeout(timer);
      timer = undefined;
      for (const roomId of Object.keys(drafts)) delete drafts[roomId];
    },
  };
}

const stores = new Map<string, DraftStore>();

export function draftsFor(userId: string): DraftStore {
  let store = stores.get(userId);
  if (!store) stores.set(userId, (store = createDraftStore(userId)));
  return store;
}

/** An explicit logout: drafts of every account on this browser are dropped. */
export function forgetDrafts(): void {
  for (const store of stores.values()) store.clear();
  stores.clear();
  forgetStoredWithPrefix(DRAFTS_PREFIX);
}
