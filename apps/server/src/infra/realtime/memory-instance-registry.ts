import { type InstanceLoad, InstanceRegistry } from './instance-registry';

/** The embedded mode: one process, so the list holds this instance only. */
export class MemoryInstanceRegistry extends InstanceRegistry {
  readonly kind = 'memory' as const;
  private readonly loads = new Map<string, { load: InstanceLoad; expiresAt: number }>();

  async report(load: InstanceLoad, ttlMs: number): Promise<void> {
    this.loads.set(load.instance, { load, expiresAt: Date.now() + ttlMs });
  }

  async list(): Promise<InstanceLoad[]> {
    const now = Date.now();
    for (const [name, entry] of this.loads) if (entry.expiresAt <= now) this.loads.delete(name);
    return [...this.loads.values()].map((e) => e.load).sort((a, b) => a.instance.localeCompare(b.instance));
  }

  async remove(instance: string): Promise<void> {
    this.loads.delete(instance);
  }
}
