/** A counter window: how many hits so far and when the window ends. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

/**
 * Short-lived shared state: rate-limit counters and the session-validity cache.
 * Redis in the cluster mode (shared by every instance), a Map in the embedded mode.
 * Nothing here is the only copy of anything a user wrote.
 */
export abstract class KvStore {
  abstract readonly kind: 'memory' | 'redis';
  abstract get(key: string): Promise<string | null>;
  abstract set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only when the key is absent; true when this call set it. */
  abstract setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  abstract del(key: string): Promise<void>;
  /** Adds one to a counter that never expires (version stamps); returns the new value. */
  abstract incr(key: string): Promise<number>;
  /** Adds one to a fixed-window counter that starts with the first hit. */
  abstract hit(key: string, windowMs: number): Promise<WindowCount>;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
