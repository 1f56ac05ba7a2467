import type { PublicUser } from '@discordgym/contracts';

/** `@name#1234`, as the server recognises mentions. */
export const MENTION_PATTERN = /@([A-Za-z0-9_.]{2,32}#\d{4})/g;

/** The `@partial` the caret is in, if any: what the mention suggestions filter by. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([A-Za-z0-9_.]{0,32})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

export const matchesMention = (user: PublicUser, query: string): boolean =>
  !query || user.username.toLowerCase().startsWith(query) || (user.display_name?.toLowerCase().startsWith(query) ?? false);

/** Splits message text into plain runs and mentions, for highlighting. */
export function splitMentions(text: string): Array<{ kind: 'text'; text: string } | { kind: 'mention'; handle: string }> {
  const parts: Array<{ kind: 'text'; text: string } | { kind: 'mention'; handle: string }> = [];
  let last = 0;
  for (const match of text.matchAll(MENTION_PATTERN)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'mention', handle: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
