/** What one instance reports about itself. */
export interface InstanceLoad {
  instance: string;
  sockets: number;
  users: number;
  reportedAt: Date;
}

/**
 * How many sockets each live instance holds, for the admin stats. Every instance reports
 * its own counts every few seconds with a time to live; an instance that stops reporting
 * (stopped, crashed) drops out of the list once its report is older than that.
 */
export abstract class InstanceRegistry {
  abstract readonly kind: 'memory' | 'redis';
  abstract report(load: InstanceLoad, ttlMs: number): Promise<void>;
  /** Live instances, by name. */
  abstract list(): Promise<InstanceLoad[]>;
  abstract remove(instance: string): Promise<void>;
}
