/**
 * Socket.IO rooms ("channels") every instance agrees on. A socket is always in its user's
 * and its session's channel; features add their own (chat rooms, later albums).
 */
export const roomChannel = (chatroomId: string): string => `room:${chatroomId}`;
export const userChannel = (userId: string): string => `user:${userId}`;
export const sessionChannel = (sessionId: string): string => `session:${sessionId}`;
