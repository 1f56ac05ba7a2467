// The emoji data (emojibase, English) ships with the app as a hashed asset, so the picker
// and the shortcodes work offline and never ask a CDN (emoji-picker-element's default).
import emojiDataUrl from 'emoji-picker-element-data/en/emojibase/data.json?url';

/** Where the picker (its `dataSource`) and the shortcode index fetch the emoji data from: this app's own origin. */
export const EMOJI_DATA_URL: string = emojiDataUrl;

interface EmojiDataEntry {
  emoji: string;
  annotation: string;
  shortcodes?: string[];
  order?: number;
}

export interface EmojiShortcode {
  shortcode: string;
  emoji: string;
  name: string;
}

export interface EmojiIndex {
  byShortcode: ReadonlyMap<string, string>;
  /** Every shortcode, in the data's order (most common emoji first within a group). */
  all: readonly EmojiShortcode[];
}

let loading: Promise<EmojiIndex> | null = null;

/** Fetches the data once per page and indexes it by shortcode. */
export function loadEmojiIndex(): Promise<EmojiIndex> {
  loading ??= fetch(EMOJI_DATA_URL)
    .then((response) => {
      if (!response.ok) throw new Error(`emoji data: ${response.status}`);
      return response.json() as Promise<EmojiDataEntry[]>;
    })
    .then((entries) => {
      const byShortcode = new Map<string, string>();
      const all: EmojiShortcode[] = [];
      for (const entry of [...entries].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))) {
        for (const shortcode of entry.shortcodes ?? []) {
          if (byShortcode.has(shortcode)) continue;
          byShortcode.set(shortcode, entry.emoji);
          all.push({ shortcode, emoji: entry.emoji, name: entry.annotation });
        }
      }
      return { byShortcode, all };
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
