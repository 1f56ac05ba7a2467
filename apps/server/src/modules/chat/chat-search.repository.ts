import { Injectable } from '@nestjs/common';
import { and, desc, eq, exists, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { Database, type Db } from '../../infra/db/database';
import { chatroomParticipants, chatrooms, isActiveParticipant, messageMentions, messages, messageSearchVector, users } from '../../infra/db/schema';
import type { ParsedSearch, SearchPerson } from './chat-search-query';
import type { MessageRow } from './chat.repository';

/** Around a match: ts_headline's markers, control characters no message may contain. */
export const HIGHLIGHT_START = '\u0001';
export const HIGHLIGHT_STOP = '\u0002';
/** `<` while ts_headline reads the text, which would otherwise drop anything tag-like. */
export const HEADLINE_LESS_THAN = '\u0003';
const MARKERS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}`;
/** A message up to this long is shown whole; a longer one as up to two fragments around the matches. */
const WHOLE_SNIPPET_MAX = 300;
const HEADLINE_WHOLE = `${MARKERS}, HighlightAll=true`;
const HEADLINE_FRAGMENTS = `${MARKERS}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

export interface SearchFilter {
  userId: string;
  roomId?: string | undefined;
  parsed: ParsedSearch;
}

/** A message that matched, with its headline (markers around the matches) when there were words. */
export interface SearchRow {
  message: MessageRow;
  headline: string | null;
}

/**
 * Message search: prefix and stemmed words over `messageSearchVector` (GIN), the filters,
 * and only rooms the user is a member of now. Newest first, keyset-paged by id (UUIDv7,
 * so id order is send order).
 */
@Injectable()
export class ChatSearchRepository {
  constructor(private readonly database: Database) {}

  private get db(): Db {
    return this.database.db;
  }

  /** One page: up to `limit` rows older than `beforeId`, headlines made for those rows only. */
  async page(filter: SearchFilter, beforeId: string | undefined, limit: number): Promise<SearchRow[]> {
    const rows = await this.pageQuery(filter, beforeId, limit);
    const query = matchQuery(filter.parsed.terms);
    if (!query || !rows.length) return rows.map((message) => ({ message, headline: null }));
    const headlines = await this.db
      .select({ id: messages.id, headline: sql<string>`ts_headline('simple', replace(${messages.content}, '<', ${HEADLINE_LESS_THAN}), ${query}, case when length(${messages.content}) <= ${WHOLE_SNIPPET_MAX} then ${HEADLINE_WHOLE} else ${HEADLINE_FRAGMENTS} end)` })
      .from(messages)
      .where(inArray(messages.id, rows.map((row) => row.id)));
    const byId = new Map(headlines.map((row) => [row.id, row.headline]));
    return rows.map((message) => ({ message, headline: byId.get(message.id) ?? null }));
  }

  /** The page's query without headlines (also what the index test explains). */
  pageQuery(filter: SearchFilter, beforeId: string | undefined, limit: number) {
    return this.db
      .select()
      .from(messages)
      .where(and(this.conditions(filter), beforeId ? lt(messages.id, beforeId) : undefined))
      .orderBy(desc(messages.id))
      .limit(limit);
  }

  async count(filter: SearchFilter): Promise<number> {
    const [row] = await this.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(messages).where(this.conditions(filter));
    return row?.total ?? 0;
  }

  private conditions(filter: SearchFilter): SQL | undefined {
    const { parsed } = filter;
    const mine = this.db
      .select({ id: chatroomParticipants.chatroomId })
      .from(chatroomParticipants)
      .where(and(eq(chatroomParticipants.userId, filter.userId), isActiveParticipant()));
    return and(
      inArray(messages.chatroomId, mine),
      filter.roomId ? eq(messages.chatroomId, filter.roomId) : undefined,
      isNull(messages.deletedAt),
      // System lines (someone added, left, removed; a rename) are not messages anyone wrote.
      eq(messages.kind, 'user'),
      textMatch(parsed.terms),
      parsed.from.length ? inArray(messages.senderId, this.db.select({ id: users.id }).from(users).where(or(...parsed.from.map(samePerson)))) : undefined,
      parsed.in.length ? or(...parsed.in.map((place) => this.inRoom(place))) : undefined,
      parsed.before ? lt(messages.createdAt, parsed.before) : undefined,
      parsed.after ? gte(messages.createdAt, parsed.after) : undefined,
      parsed.hasMention ? exists(this.db.select({ one: sql`1` }).from(messageMentions).where(eq(messageMentions.messageId, messages.id))) : undefined,
    );
  }

  /** `in:` a group by its name, or the DM with a person. */
  private inRoom(place: ParsedSearch['in'][number]): SQL {
    if (place.person) {
      const dms = this.db
        .select({ id: chatroomParticipants.chatroomId })
        .from(chatroomParticipants)
        .innerJoin(users, eq(users.id, chatroomParticipants.userId))
        .innerJoin(chatrooms, eq(chatrooms.id, chatroomParticipants.chatroomId))
        .where(and(eq(chatrooms.isGroup, false), samePerson(place.person)));
      return inArray(messages.chatroomId, dms);
    }
    const groups = this.db
      .select({ id: chatrooms.id })
      .from(chatrooms)
      .where(and(eq(chatrooms.isGroup, true), sql`lower(${chatrooms.name}) = ${place.groupName ?? ''}`));
    return inArray(messages.chatroomId, groups);
  }
}

const samePerson = (person: SearchPerson): SQL =>
  and(sql`lower(${users.username}) = ${person.username}`, person.discriminator ? eq(users.discriminator, person.discriminator) : undefined)!;

/**
 * Every term as a prefix, as written or stemmed in English or German (any of the three),
 * all terms required. Terms are letters and digits only (the parser's), and each is a
 * bound parameter quoted as one lexeme, so the text never becomes tsquery syntax.
 */
/** The words' condition on the search vector: the very expression `messages_search_vector_idx` is built on. */
export function textMatch(terms: string[]): SQL | undefined {
  const query = matchQuery(terms);
  return query ? sql`${messageSearchVector(messages.content)} @@ ${query}` : undefined;
}

function matchQuery(terms: string[]): SQL | undefined {
  if (!terms.length) return undefined;
  const perTerm = terms.map((term) => {
    const lexeme = `'${term}':*`;
    return sql`(to_tsquery('simple', ${lexeme}) || to_tsquery('english', ${lexeme}) || to_tsquery('german', ${lexeme}))`;
  });
  return sql`(${sql.join(perTerm, sql` && `)})`;
}
