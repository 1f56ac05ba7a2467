import { z } from 'zod';
import { Id } from './common';

/** A group both the viewer and the person are in (DMs never count). */
export const MutualRoom = z.object({ id: Id, name: z.string().nullable(), icon: z.string().nullable() }).meta({ id: 'MutualRoom' });
export type MutualRoom = z.infer<typeof MutualRoom>;

export const MutualRoomsQuery = z.strictObject({
  cursor: Id.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type MutualRoomsQuery = z.infer<typeof MutualRoomsQuery>;

/** Keyset by room id; empty when either blocked the other. */
export const MutualRoomPage = z.object({ items: z.array(MutualRoom), next_cursor: Id.nullable() }).meta({ id: 'MutualRoomPage' });
export type MutualRoomPage = z.infer<typeof MutualRoomPage>;
