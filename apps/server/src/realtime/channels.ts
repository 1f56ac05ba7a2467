/**
 * Socket.IO rooms ("channels") every instance agrees on. A socket is always in its user's
 * and its session's channel; features add their own (chat rooms, later albums).
 */
export const roomChannel = (chatroomId: string): string => `room:${chatroomId}`;
export const userChannel = (userId: string): string => `user:${userId}`;
export const sessionChannel = (sessionId: string): string => `session:${sessionId}`;
/** An album's live wall events: its members', guests' and wall sockets that joined it. */
export const albumChannel = (albumId: string): string => `album:${albumId}`;
/** Every socket of one scoped identity (a guest, a wall link): how a revocation reaches them. */
export const scopeChannel = (kind: string, subjectId: string): string => `scope:${kind}:${subjectId}`;
/** Every scoped socket (guest, wall) whose one resource is this id. */
export const scopedResourceChannel = (resourceId: string): string => `scoped:${resourceId}`;
