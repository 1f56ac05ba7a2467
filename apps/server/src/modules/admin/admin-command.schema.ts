import { BanReason, Handle, IsoDate, Password, UserRole } from '@discordgym/contracts';
import { z } from 'zod';

/**
 * What the admin CLI can ask for. The same commands run in the CLI's own process (PGlite
 * folder free, or the cluster's PostgreSQL) or in the running embedded server, sent over
 * its admin socket: one schema and one implementation for both paths.
 */
export const AdminCommand = z.discriminatedUnion('command', [
  z.strictObject({ command: z.literal('create-admin'), email: z.string().max(254), username: z.string().max(32), password: Password }),
  z.strictObject({ command: z.literal('promote'), handle: Handle, role: UserRole }),
  z.strictObject({ command: z.literal('ban'), handle: Handle, reason: BanReason, until: IsoDate.optional() }),
  z.strictObject({ command: z.literal('unban'), handle: Handle }),
  z.strictObject({ command: z.literal('reset-password'), handle: Handle, password: Password }),
]);
export type AdminCommand = z.infer<typeof AdminCommand>;
