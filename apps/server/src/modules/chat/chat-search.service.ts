import { Injectable } from '@nestjs/common';
import { type SearchQuery, type SearchResults, type SearchSnippet } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { parseSearchQuery } from './chat-search-query';
import { ChatSearchRepository, HEADLINE_LESS_THAN, HIGHLIGHT_START, HIGHLIGHT_STOP } from './chat-search.repository';
import { ChatPolicy } from './chat.policy';
import { ChatService } from './chat.service';

/** A snippet of a message found by filters alone (no words, so nothing to mark). */
const PLAIN_SNIPPET_MAX = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Full-text search over the rooms a user is in: words, filters, a total, keyset pages. */
@Injectable()
export class ChatSearchService {
  constructor(
    private readonly repository: ChatSearchRepository,
    private readonly policy: ChatPolicy,
    private readonly chat: ChatService,
  ) {}

  async search(userId: string, query: SearchQuery): Promise<SearchResults> {
    // Everything the caller typed is checked before any query runs: bad input is a 400.
    const parsed = parseSearchQuery(query.q);
    const beforeId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.chatroom_id) await this.policy.member(userId, query.chatroom_id);
    const filter = { userId, roomId: query.chatroom_id, parsed };
    const rows = await this.repository.page(filter, beforeId, query.limit + 1);
    const total = await this.repository.count(filter);
    const shown = rows.slice(0, query.limit);
    const messages = await this.chat.toMessages(shown.map((row) => row.message));
    const last = shown.at(-1);
    return {
      items: messages.map((message, i) => ({ ...message, snippet: snippetOf(shown[i]!.headline, message.content) })),
      total,
      next_cursor: rows.length > query.limit && last ? encodeCursor(last.message.id) : null,
    };
  }
}

/** ts_headline's output, markers taken out and turned into offsets (the web marks them as text). */
export function snippetOf(headline: string | null, content: string): SearchSnippet {
  if (headline === null) {
    const chars = [...content];
    return { text: chars.length > PLAIN_SNIPPET_MAX ? `${chars.slice(0, PLAIN_SNIPPET_MAX).join('')}…` : content, highlights: [] };
  }
  let text = '';
  let start = -1;
  const highlights: SearchSnippet['highlights'] = [];
  for (const part of headline.split(new RegExp(`([${HIGHLIGHT_START}${HIGHLIGHT_STOP}])`))) {
    if (part === HIGHLIGHT_START) start = text.length;
    else if (part === HIGHLIGHT_STOP) {
      if (start >= 0 && text.length > start) highlights.push({ start, end: text.length });
      start = -1;
    } else text += part.replaceAll(HEADLINE_LESS_THAN, '<');
  }
  return { text, highlights };
}

function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!UUID.test(id)) throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  return id;
}
