import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstanceRegistry } from './instance-registry';

/** One suite, both implementations: the memory map and the Redis hash. */
export function describeInstanceRegistry(name: string, make: () => Promise<{ registry: InstanceRegistry; close(): Promise<void> }>): void {
  describe(`InstanceRegistry contract (${name})`, () => {
    let registry: InstanceRegistry;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ registry, close } = await make());
    });
    afterAll(() => close?.());

    it('lists the live reports by instance name; a newer report replaces the older one', async () => {
      const at = new Date();
      await registry.report({ instance: 'b', sockets: 3, users: 2, reportedAt: at }, 10_000);
      await registry.report({ instance: 'a', sockets: 1, users: 1, reportedAt: at }, 10_000);
      await registry.report({ instance: 'a', sockets: 5, users: 4, reportedAt: at }, 10_000);
      expect(await registry.list()).toEqual([
        { instance: 'a', sockets: 5, users: 4, reportedAt: at },
        { instance: 'b', sockets: 3, users: 2, reportedAt: at },
      ]);
    });

    it('drops an instance whose report is older than its time to live, and one that is removed', async () => {
      await registry.report({ instance: 'gone', sockets: 9, users: 9, reportedAt: new Date() }, 50);
      await registry.report({ instance: 'stays', sockets: 1, users: 1, reportedAt: new Date() }, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 120));
      const names = (await registry.list()).map((l) => l.instance);
      expect(names).toContain('stays');
      expect(names).not.toContain('gone');
      await registry.remove('stays');
      expect((await registry.list()).map((l) => l.instance)).not.toContain('stays');
    });
  });
}
