import type { EmojiIndex, EmojiShortcode } from '../api/emoji-data';

/** The `:partial` the caret is in (two characters at least, as in Discord), if any. */
export function shortcodeQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[\s([{])(:([a-z0-9_+-]{2,32}))$/i.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length, query: match[3]!.toLowerCase() };
}

/** Shortcodes starting with the query first, then those containing it; one row per emoji. */
export function searchShortcodes(index: EmojiIndex, query: string, limit = 8): EmojiShortcode[] {
  const seen = new Set<string>();
  const out: EmojiShortcode[] = [];
  for (const pass of [(s: string) => s.startsWith(query), (s: string) => s.includes(query)]) {
    for (const entry of index.all) {
      if (out.length >= limit) return out;
      if (seen.has(entry.emoji) || !pass(entry.shortcode)) continue;
      seen.add(entry.emoji);
      out.push(entry);
    }
  }
  return out;
}

const COMPLETE = /(^|[^\w:])(:([a-z0-9_+-]{1,32}):)$/i;

/** A `:shortcode:` just completed at the caret becomes its emoji. */
export function convertTypedShortcode(text: string, caret: number, index: EmojiIndex): { value: string; caret: number } | null {
  const match = COMPLETE.exec(text.slice(0, caret));
  const emoji = match && index.byShortcode.get(match[3]!.toLowerCase());
  if (!match || !emoji) return null;
  const start = caret - match[2]!.length;
  return { value: text.slice(0, start) + emoji + text.slice(caret), caret: start + emoji.length };
}

/** Every known `:shortcode:` in the text becomes its emoji, except inside `code`. */
export function replaceShortcodes(text: string, index: EmojiIndex): string {
  return text
    .split(/(```[\s\S]*?```|`[^`\n]*`)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/(^|[^\w:]):([a-z0-9_+-]{1,32}):/gi, (all, before: string, code: string) => {
        const emoji = index.byShortcode.get(code.toLowerCase());
        return emoji ? before + emoji : all;
      }),
    )
    .join('');
}
