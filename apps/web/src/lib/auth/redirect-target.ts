/**
 * The page to return to after login, from `?next=`. Only paths of this app: an absolute
 * or protocol-relative URL there would make the login page an open redirect.
 */
export function safeRedirectTarget(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/register')) return '/';
  return next;
}

export const loginPathFor = (wanted: string): string =>
  wanted === '/' ? '/login' : `/login?next=${encodeURIComponent(wanted)}`;
