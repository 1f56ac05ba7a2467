import path from 'node:path';

/**
 * Where a running embedded server listens for the admin CLI: a folder only the owner may
 * enter (0700), with the unix socket and a random token the CLI must present. Reading the
 * token needs the same file access as opening the database itself.
 */
export function adminSocketPaths(dataDir: string): { dir: string; socket: string; token: string } {
  const dir = path.resolve(dataDir, 'admin');
  return { dir, socket: path.join(dir, 'admin.sock'), token: path.join(dir, 'token') };
}

/** Longest request or answer line: a command is a few hundred bytes. */
export const ADMIN_SOCKET_MAX_BYTES = 16 * 1024;
