/**
 * JSON in localStorage that never throws: storage can be full, disabled (private mode,
 * policies) or hold something another version wrote. A failed read is "nothing stored".
 */
export function readStored<T>(key: string, parse: (value: unknown) => T | null): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the value lives in memory for this visit only.
  }
}

/** Calls back when another tab of this origin writes `key`. */
export function onStoredChange(key: string, listener: () => void): () => void {
  const handler = (event: StorageEvent): void => {
    if (event.key === key || event.key === null) listener();
  };
  window.addEventListener('storage', handler);
  return () => window.removeEventListener('storage', handler);
}

/** Removes every key that starts with `prefix` (all accounts' copies of one kind of data). */
export function forgetStoredWithPrefix(prefix: string): void {
  try {
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter(
      (key): key is string => key !== null && key.startsWith(prefix),
    );
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // Disabled storage holds nothing to forget.
  }
}
