import { SearchResults } from '@discordgym/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ChatUser, chatUsers, createGroup, expectNoChatWrites, openDm, postMessage, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { parseSearchQuery } from './chat-search-query';
import { messages } from '../../infra/db/schema';
import { textMatch } from './chat-search.repository';

const DAY_MS = 86_400_000;
const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Message search: prefix and stemmed words in English and German, highlights, the filters,
 * the total and keyset paging to the last result, and nothing from rooms the user is not
 * in. Run embedded (PGlite) and on PostgreSQL, whose planners differ.
 */
export function describeChatSearch(mode: string, start: StartChatServer): void {
  describe(`chat search (${mode})`, () => {
    const chat = useChatServer(start);

    const searchRaw = (user: ChatUser, q: string, extra = '') => chat.api.get(`/api/search/messages?q=${encodeURIComponent(q)}${extra}`, { token: user.token });
    const search = async (user: ChatUser, q: string, extra = '') => {
      const response = await searchRaw(user, q, extra);
      expect(response.status, `${q} → ${JSON.stringify(response.body)}`).toBe(200);
      return SearchResults.parse(response.body);
    };
    const idsOf = async (user: ChatUser, q: string, extra = '') => (await search(user, q, extra)).items.map((m) => m.id).sort();
    const sorted = (...messages: { id: string }[]) => messages.map((m) => m.id).sort();

    it('finds English words by prefix and by stem, and German ones too', async () => {
      const [a, b] = await chatUsers(chat.api, 2);
      const room = await createGroup(chat.api, a, [b]);
      const deadlifts = await postMessage(chat.api, a, room.id, 'Three heavy sets of deadlifts today');
      const running = await postMessage(chat.api, b, room.id, 'I was running intervals');
      const squats = await postMessage(chat.api, b, room.id, 'Heute fünf Sätze Kniebeugen');
      const knee = await postMessage(chat.api, a, room.id, 'Die Kniebeuge ist die Königin');
      await postMessage(chat.api, a, room.id, 'bench and rows');

      expect(await idsOf(a, 'dead')).toEqual(sorted(deadlifts));
      expect(await idsOf(a, 'deadlift')).toEqual(sorted(deadlifts));
      expect(await idsOf(a, 'DEADLIFTING')).toEqual(sorted(deadlifts));
      expect(await idsOf(a, 'runs')).toEqual(sorted(running));
      expect(await idsOf(b, 'kniebeuge')).toEqual(sorted(squats, knee));
      expect(await idsOf(b, 'Kniebeugen')).toEqual(sorted(squats, knee));
      expect(await idsOf(b, 'knie')).toEqual(sorted(squats, knee));
      expect(await idsOf(b, 'satz')).toEqual(sorted(squats));
      // Every word must match (any of its forms).
      expect(await idsOf(a, 'heavy dead')).toEqual(sorted(deadlifts));
      expect(await idsOf(a, 'light dead')).toEqual([]);
    });

    it('marks the matches in a snippet as offsets into plain text', async () => {
      const [a] = await chatUsers(chat.api, 1);
      const [b] = await chatUsers(chat.api, 1);
      const room = await openDm(chat.api, a, b);
      await postMessage(chat.api, a, room.id, 'Three heavy <b>sets</b> of deadlifts today');
      const [hit] = (await search(a, 'dead')).items;
      // Tag-like text is kept as the text it is (the web renders snippets as text, never HTML).
      expect(hit!.snippet.text).toBe('Three heavy <b>sets</b> of deadlifts today');
      expect(hit!.snippet.highlights.map(({ start, end }) => hit!.snippet.text.slice(start, end))).toEqual(['deadlifts']);
      const [plain] = (await search(a, `from:${a.handle}`)).items;
      expect(plain!.snippet).toEqual({ text: 'Three heavy <b>sets</b> of deadlifts today', highlights: [] });
    });

    it('filters by from:, in:, before:, after: and has:mention', async () => {
      const [a, b, c] = await chatUsers(chat.api, 3);
      const groupName = `Leg Day ${a.id.slice(-6)}`;
      const group = await createGroup(chat.api, a, [b, c], groupName);
      const dm = await openDm(chat.api, a, b);
      const fromA = await postMessage(chat.api, a, group.id, 'squat plan for monday');
      const fromB = await postMessage(chat.api, b, group.id, `squat plan, right @${c.handle}?`);
      const inDm = await postMessage(chat.api, b, dm.id, 'squat plan between us');

      expect(await idsOf(a, `squat from:${b.handle}`)).toEqual(sorted(fromB, inDm));
      expect(await idsOf(a, `squat from:${b.username}`)).toEqual(sorted(fromB, inDm));
      expect(await idsOf(a, `from:${a.handle} from:${b.handle} plan`)).toEqual(sorted(fromA, fromB, inDm));
      expect(await idsOf(a, `squat in:"${groupName.toUpperCase()}"`)).toEqual(sorted(fromA, fromB));
      expect(await idsOf(a, `squat in:${b.handle}`)).toEqual(sorted(inDm));
      expect(await idsOf(a, `squat has:mention`)).toEqual(sorted(fromB));
      expect(await idsOf(a, `has:mention in:"${groupName}"`)).toEqual(sorted(fromB));

      const day = new Date(fromA.created_at);
      const sent = utcDay(day);
      const dayAfter = utcDay(new Date(day.getTime() + DAY_MS));
      const dayBefore = utcDay(new Date(day.getTime() - DAY_MS));
      expect(await idsOf(a, `squat before:${dayAfter}`)).toEqual(sorted(fromA, fromB, inDm));
      expect(await idsOf(a, `squat before:${sent}`)).toEqual([]);
      expect(await idsOf(a, `squat after:${dayBefore}`)).toEqual(sorted(fromA, fromB, inDm));
      expect(await idsOf(a, `squat after:${sent}`)).toEqual([]);
      // A name nobody has narrows to nothing; it is not an error.
      expect(await idsOf(a, 'squat from:nobody_at_all#0000')).toEqual([]);
    });

    it('counts every match and pages by cursor to the last result, each once', async () => {
      const [a, b] = await chatUsers(chat.api, 2);
      const room = await createGroup(chat.api, a, [b]);
      const expected: string[] = [];
      for (let i = 0; i < 23; i++) expected.push((await postMessage(chat.api, i % 2 ? a : b, room.id, `deadlifts set ${i}`)).id);
      await postMessage(chat.api, a, room.id, 'bench only');

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: SearchResults = await search(a, 'deadlift', `&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.total).toBe(23);
        expect(page.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.items.map((m) => m.id));
        cursor = page.next_cursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(5);
      expect(seen).toEqual([...expected].reverse());
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('never answers from a room the user is not in, or has left', async () => {
      const [a, b, outsider] = await chatUsers(chat.api, 3);
      const room = await createGroup(chat.api, a, [b]);
      const message = await postMessage(chat.api, a, room.id, 'secret deadlifts');
      expect(await idsOf(b, 'dead')).toEqual(sorted(message));
      expect((await search(outsider, 'dead')).total).toBe(0);
      expect(await idsOf(outsider, `dead from:${a.handle}`)).toEqual([]);
      expectError(await searchRaw(outsider, 'dead', `&chatroom_id=${room.id}`), 404, 'NOT_FOUND');

      const left = await chat.api.delete(`/api/chatrooms/${room.id}/participants/${b.id}`, { token: b.token });
      expect(left.status).toBe(204);
      expect(await search(b, 'dead')).toMatchObject({ items: [], total: 0, next_cursor: null });
      expect(await search(b, `in:"${room.name}"`)).toMatchObject({ items: [], total: 0 });
    });

    it('refuses bad input with a 400 and writes nothing', async () => {
      const [a] = await chatUsers(chat.api, 1);
      const uuidV4 = Buffer.from('0b8c1d4e-2f3a-4b5c-8d6e-7f8091a2b3c4').toString('base64url');
      const cases: [string, string][] = [
        ['dead', '&cursor=zzz'],
        ['dead', '&cursor=' + uuidV4],
        ['dead', '&cursor=' + 'x'.repeat(201)],
        ['dead', '&limit=51'],
        ['dead', '&limit=abc'],
        ['dead before:2024-13-01', ''],
        ['dead after:2024-02-30', ''],
        ['dead before:', ''],
        ['has:link', ''],
        ['from:ann#12 dead', ''],
        ['!!! ???', ''],
        ['d'.repeat(201), ''],
        ['a b c d e f g h i j k l m', ''],
      ];
      await expectNoChatWrites(chat.sut, async () => {
        for (const [q, extra] of cases) {
          const response = await searchRaw(a, q, extra);
          expect(response.status, `${q} ${extra} → ${response.status} ${JSON.stringify(response.body)}`).toBe(400);
          expectError(response, 400, 'VALIDATION_FAILED');
        }
      });
    });

    // Whether the whole page query starts from the index or from the user's rooms is the
    // planner's call on the run's statistics (other files share the cluster database); what
    // must hold is that the words' condition is the indexed expression, so it can use it.
    it('matches words with the expression the GIN index is built on, so the index serves it', async () => {
      const { db } = chat.sut.server.infra.database;
      const [a, b] = await chatUsers(chat.api, 2);
      const room = await createGroup(chat.api, a, [b]);
      // A busy room, written past the API (the send path would take minutes for this many).
      await db.execute(sql`
        insert into messages (id, chatroom_id, seq, sender_id, client_id, content)
        select gen_random_uuid(), ${room.id}, 1000 + i, ${a.id}, 'bulk_' || i, 'bench press and rows, set ' || i
        from generate_series(1, 5000) as i`);
      await db.execute(sql`analyze messages`);
      const query = db.select({ id: messages.id }).from(messages).where(textMatch(parseSearchQuery('dead kniebeuge').terms));
      const plan = JSON.stringify((await db.execute(sql`explain ${query}`)) as unknown);
      expect(plan).toContain('messages_search_vector_idx');
    });
  });
}
