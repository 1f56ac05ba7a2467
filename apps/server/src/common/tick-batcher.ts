interface Batch<K, V> {
  waiting: Map<K, { resolve(value: V | undefined): void; reject(error: unknown): void }[]>;
  sent: boolean;
}

/**
 * Collects the keys asked for until the event loop's next check phase (or `max` of them),
 * then answers them all with one `load`. Nothing is remembered after: every key is read
 * after it was asked for, so a batched answer is never older than one asked alone.
 */
export class TickBatcher<K, V> {
  private open: Batch<K, V> | undefined;

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly max = 256,
  ) {}

  get(key: K): Promise<V | undefined> {
    let batch = this.open;
    if (!batch) {
      const created: Batch<K, V> = { waiting: new Map(), sent: false };
      batch = this.open = created;
      setImmediate(() => this.send(created));
    }
    const target = batch;
    const answer = new Promise<V | undefined>((resolve, reject) => {
      const waiting = target.waiting.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else target.waiting.set(key, [{ resolve, reject }]);
    });
    if (target.waiting.size >= this.max) this.send(target);
    return answer;
  }

  private send(batch: Batch<K, V>): void {
    if (batch.sent) return;
    batch.sent = true;
    if (this.open === batch) this.open = undefined;
    this.load([...batch.waiting.keys()]).then(
      (found) => {
        for (const [key, waiting] of batch.waiting) for (const w of waiting) w.resolve(found.get(key));
      },
      (error: unknown) => {
        for (const waiting of batch.waiting.values()) for (const w of waiting) w.reject(error);
      },
    );
  }
}
