import { randomBytes } from 'node:crypto';
import { ATTACHMENTS_PER_MESSAGE_MAX, type ChatAttachment, ChatroomList, Message, MessagePage, SearchResults, SyncResult } from '@discordgym/contracts';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ApiResponse } from '../../../test/api-client';
import {
  type ChatUser,
  chatUsers,
  clientId,
  createGroup,
  expectAckError,
  expectNoChatWrites,
  expectOk,
  openDm,
  postMessage,
  recordAll,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import {
  completeAttachment,
  htmlBytes,
  pdfBytes,
  pngImage,
  putAttachment,
  uploadAttachment,
  waitForAttachment,
} from '../../../test/chat-attachment-fixtures';
import { expectError } from '../../../test/expect-error';
import { inbox, inboxOf } from '../../../test/notification-fixtures';
import { emitAck, eventually } from '../../../test/sockets';
import { chatAttachments, domainEvents, messages } from '../../infra/db/schema';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { attachmentKeys, type AttachmentRow } from './attachments/chat-attachments.repository';

const UNKNOWN_ID = '01890000-0000-7000-8000-00000000abcd';

/**
 * Attachments on messages (issue 12), the message side: sending uploads on a message (REST
 * and socket, idempotent by client_id), every read path carrying them (live, history and
 * its hot page, sync, search, the room list), refusals that write nothing, and deleting a
 * message or a group taking the rows and the stored objects with it. Embedded (disk
 * storage) and cluster (PostgreSQL, Redis, the S3 test server).
 */
export function describeChatAttachmentMessages(mode: string, start: StartChatServer, storageKind: ObjectStorage['kind']): void {
  describe(`chat attachments on messages (${mode})`, () => {
    const chat = useChatServer(start);
    const { connect } = chat;
    const db = () => chat.sut.server.infra.database.db;
    const storage = () => chat.sut.server.app.get<ObjectStorage>(OBJECT_STORAGE);

    const rowOf = async (id: string): Promise<AttachmentRow | undefined> => (await db().select().from(chatAttachments).where(eq(chatAttachments.id, id)))[0];
    const history = async (user: ChatUser, roomId: string, query = ''): Promise<MessagePage> => {
      const response = await chat.api.get(`/api/messages/${roomId}${query}`, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return MessagePage.parse(response.body);
    };
    const send = (user: ChatUser, body: Record<string, unknown>): Promise<ApiResponse> => chat.api.post('/api/messages', body, { token: user.token });
    const sent = async (user: ChatUser, body: Record<string, unknown>): Promise<Message> => {
      const response = await send(user, { client_id: clientId(), ...body });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return Message.parse(response.body);
    };
    /** What a member sees of each attachment, in order: the fields the web shows. */
    const shown = (attachments: ChatAttachment[] | undefined) => (attachments ?? []).map((a) => ({ id: a.id, kind: a.kind, name: a.name, byte_size: a.byte_size, content_type: a.content_type }));
    /** Every stored object of these attachments is gone (the storage consumer runs after commit: bounded wait). */
    const expectObjectsGone = async (attachments: ChatAttachment[]) => {
      for (const a of attachments) {
        for (const key of Object.values(attachmentKeys(a.chatroom_id, a.id))) {
          await eventually(async () => expect(await storage().head(key), key).toBeNull(), 20_000, 50);
        }
      }
    };
    /** The attachment as it was before a refused send: still on no message, still sweepable as before. */
    const expectUnsent = async (attachment: ChatAttachment, before: AttachmentRow) => {
      const row = await rowOf(attachment.id);
      expect(row).toEqual(before);
      expect(row!.messageId).toBeNull();
    };

    // Uploads the whole way the web app makes them (ticket, PUT to storage, complete, processed until ready).
    const uploadImage = async (user: ChatUser, roomId: string) =>
      uploadAttachment(chat.api, user.token, roomId, { name: 'squat form.png', type: 'image/png', bytes: await pngImage(64, 48) });
    const uploadPdf = (user: ChatUser, roomId: string) =>
      uploadAttachment(chat.api, user.token, roomId, { name: 'training plan.pdf', type: 'application/pdf', bytes: pdfBytes(randomBytes(16).toString('hex')) });

    describe('sending and reading', () => {
      it('an image and a PDF over the socket reach a member live, in order, and every read path carries them', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const before = await postMessage(chat.api, b, room.id, 'show me your form');
        const image = await uploadImage(a, room.id);
        const file = await uploadPdf(a, room.id);
        const aSocket = await connect(a, [room.id]);
        const bEvents = recordAll(await connect(b, [room.id]));

        const message = Message.parse(
          expectOk(await emitAck(aSocket, 'send-message', { chatroom_id: room.id, content: 'here', client_id: clientId(), attachment_ids: [image.id, file.id] })),
        );
        expect(shown(message.attachments)).toEqual([
          { id: image.id, kind: 'image', name: 'squat form.png', byte_size: image.byte_size, content_type: 'image/png' },
          { id: file.id, kind: 'file', name: 'training plan.pdf', byte_size: file.byte_size, content_type: 'application/pdf' },
        ]);
        expect(message.attachments!.every((x) => x.status === 'ready' && x.chatroom_id === room.id && x.uploader_id === a.id)).toBe(true);
        // On the message now: no longer an upload the sweep may take.
        expect(await rowOf(image.id)).toMatchObject({ messageId: message.id, position: 0, uploadExpiresAt: null });
        expect(await rowOf(file.id)).toMatchObject({ messageId: message.id, position: 1, uploadExpiresAt: null });

        await eventually(() => expect(bEvents.filter((e) => e.event === 'new-message').map((e) => e.payload)).toEqual([message]));

        // History: the newest page, before_seq and after_seq.
        const withRead = { ...message, is_read: false };
        expect((await history(b, room.id)).items[0]).toEqual(withRead);
        expect((await history(b, room.id, `?before_seq=${message.seq + 1}`)).items[0]).toEqual(withRead);
        expect((await history(b, room.id, `?after_seq=${before.seq}`)).items).toEqual([withRead]);
        // The older message has none: the field is only on messages with attachments.
        expect((await history(b, room.id, `?before_seq=${message.seq}`)).items[0]).not.toHaveProperty('attachments');

        const bSocket = await connect(b);
        const sync = SyncResult.parse(expectOk(await emitAck(bSocket, 'sync', { rooms: [{ chatroom_id: room.id, after_seq: before.seq }] })));
        expect(sync.rooms[0]!.messages).toEqual([withRead]);

        // The room list's last message, and a search hit, are the same message.
        const rooms = ChatroomList.parse((await chat.api.get('/api/chatrooms', { token: b.token })).body);
        expect(rooms.items.find((r) => r.id === room.id)!.last_message).toEqual(message);
        const found = SearchResults.parse((await chat.api.get(`/api/search/messages?q=here&chatroom_id=${room.id}`, { token: b.token })).body);
        expect(found.items.map((m) => shown(m.attachments))).toEqual([shown(message.attachments)]);
      });

      it('sends over REST too, with empty content beside attachments, and an edit keeps them', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const dm = await openDm(chat.api, a, b);
        const bEvents = recordAll(await connect(b, [dm.id]));
        const file = await uploadPdf(a, dm.id);
        const message = await sent(a, { chatroom_id: dm.id, content: '', attachment_ids: [file.id] });
        expect(message.content).toBe('');
        expect(shown(message.attachments)).toEqual(shown([file]));
        await eventually(() => expect(bEvents).toContainEqual({ event: 'new-message', payload: message }));

        const edited = await chat.api.patch(`/api/messages/${message.id}`, { content: 'the plan for next week' }, { token: a.token });
        expect(edited.status, JSON.stringify(edited.body)).toBe(200);
        expect(edited.body).toMatchObject({ content: 'the plan for next week', attachments: message.attachments });
        await eventually(() => expect(bEvents.find((e) => e.event === 'message-updated')?.payload).toEqual(edited.body));
        expect((await history(b, dm.id)).items[0]!.attachments).toEqual(message.attachments);
        // Without attachments, empty content is still refused.
        expectError(await send(a, { chatroom_id: dm.id, content: '', client_id: clientId() }), 400, 'VALIDATION_FAILED');
      });

      it('a DM of files only notifies an offline recipient with how many files, and nothing once it is deleted', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const dm = await openDm(chat.api, a, b);
        const [image, file] = [await uploadImage(a, dm.id), await uploadPdf(a, dm.id)];
        const message = await sent(a, { chatroom_id: dm.id, content: '', attachment_ids: [image.id, file.id] });

        const [n] = await inboxOf(chat.api, b, 1);
        expect(n).toMatchObject({ kind: 'dm', message_id: message.id, excerpt: '', attachment_count: 2 });
        // A message with text has no count unless it carries files.
        const text = await sent(a, { chatroom_id: dm.id, content: 'and the plan' });
        // Each message's notification is made by its own job: found by message, not by place.
        const withText = (await inboxOf(chat.api, b, 2)).find((x) => x.message_id === text.id);
        expect(withText).toMatchObject({ excerpt: 'and the plan' });
        expect(withText).not.toHaveProperty('attachment_count');

        expect((await chat.api.delete(`/api/messages/${message.id}`, { token: a.token })).status).toBe(200);
        const gone = (await inbox(chat.api, b)).find((x) => x.message_id === message.id)!;
        expect(gone.excerpt).toBeNull();
        expect(gone).not.toHaveProperty('attachment_count');
      });

      it('is idempotent by client_id with its attachments; a retry naming other ones is a conflict', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const socket = await connect(a, [room.id]);
        const [image, file, other] = [await uploadImage(a, room.id), await uploadPdf(a, room.id), await uploadPdf(a, room.id)];
        const id = clientId();
        const body = { chatroom_id: room.id, content: 'once', client_id: id, attachment_ids: [image.id, file.id] };
        const first = await sent(a, body);
        const again = await send(a, body);
        expect(again.status).toBe(201);
        expect(again.body).toEqual(first);
        expect(expectOk(await emitAck(socket, 'send-message', body))).toEqual(first);
        expect(await db().select().from(messages).where(eq(messages.clientId, id))).toHaveLength(1);

        await expectNoChatWrites(chat.sut, async () => {
          for (const attachment_ids of [[file.id, image.id], [image.id], [image.id, file.id, other.id], [other.id], undefined]) {
            expectError(await send(a, { ...body, attachment_ids }), 409, 'CLIENT_ID_CONFLICT');
          }
          expectAckError(await emitAck(socket, 'send-message', { ...body, attachment_ids: [other.id] }), 'CLIENT_ID_CONFLICT');
        });
        expect((await rowOf(other.id))!.messageId).toBeNull();
        expect(shown((await history(a, room.id)).items[0]!.attachments)).toEqual(shown([image, file]));
      });
    });

    describe('refusals', () => {
      it('bad, unknown, foreign, unfinished and already sent attachments: the right 4xx, nothing written, the upload still unsent', async () => {
        const [a, b, stranger] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, a, [b]);
        const otherRoom = await createGroup(chat.api, a, [b]);
        const socket = await connect(a, [room.id]);
        const mine = await uploadPdf(a, room.id);
        const mineRow = (await rowOf(mine.id))!;
        const bs = await uploadPdf(b, room.id);
        const elsewhere = await uploadPdf(a, otherRoom.id);
        const strangers = await uploadPdf(stranger, (await createGroup(chat.api, stranger, [b])).id);
        // Bytes in but never completed; and a "PNG" that is a web page (refused at complete: failed).
        const unfinished = (await putAttachment(chat.api, a.token, room.id, { name: 'half.pdf', type: 'application/pdf', bytes: pdfBytes() })).attachment;
        const disguised = (await putAttachment(chat.api, a.token, room.id, { name: 'cat.png', type: 'image/png', bytes: htmlBytes() })).attachment;
        expect((await completeAttachment(chat.api, a.token, room.id, disguised.id)).status).toBe(422);
        const failed = await waitForAttachment(chat.api, a.token, room.id, disguised.id, 'failed');
        const taken = await uploadPdf(a, room.id);
        const holder = await sent(a, { chatroom_id: room.id, content: 'first', attachment_ids: [taken.id] });
        const eleven = [mine.id, ...Array.from({ length: ATTACHMENTS_PER_MESSAGE_MAX }, () => UNKNOWN_ID.replace(/.{4}$/, () => randomBytes(2).toString('hex')))];
        const untouched = [mine, bs, elsewhere, strangers, unfinished, failed];
        const rowsBefore = await db()
          .select()
          .from(chatAttachments)
          .where(inArray(chatAttachments.id, untouched.map((x) => x.id)));

        const cases: { ids: unknown; status: number; code: string }[] = [
          { ids: eleven, status: 400, code: 'VALIDATION_FAILED' },
          { ids: [], status: 400, code: 'VALIDATION_FAILED' },
          { ids: [mine.id, mine.id], status: 400, code: 'VALIDATION_FAILED' },
          { ids: ['not-a-uuid'], status: 400, code: 'VALIDATION_FAILED' },
          { ids: [mine.id, '550e8400-e29b-41d4-a716-446655440000'], status: 400, code: 'VALIDATION_FAILED' },
          { ids: mine.id, status: 400, code: 'VALIDATION_FAILED' },
          { ids: [UNKNOWN_ID], status: 404, code: 'NOT_FOUND' },
          { ids: [mine.id, UNKNOWN_ID], status: 404, code: 'NOT_FOUND' },
          { ids: [mine.id, bs.id], status: 404, code: 'NOT_FOUND' },
          { ids: [elsewhere.id], status: 404, code: 'NOT_FOUND' },
          { ids: [strangers.id], status: 404, code: 'NOT_FOUND' },
          { ids: [mine.id, unfinished.id], status: 409, code: 'ATTACHMENT_NOT_READY' },
          { ids: [failed.id], status: 409, code: 'ATTACHMENT_NOT_READY' },
          { ids: [mine.id, taken.id], status: 409, code: 'ATTACHMENT_ALREADY_SENT' },
        ];
        await expectNoChatWrites(chat.sut, async () => {
          for (const { ids, status, code } of cases) {
            const body = { chatroom_id: room.id, content: 'refused', client_id: clientId(), attachment_ids: ids };
            const response = await send(a, body);
            expectError(response, status, code as never);
            expectAckError(await emitAck(socket, 'send-message', body as never), code);
          }
        });
        expect(await db().select().from(messages).where(eq(messages.content, 'refused'))).toEqual([]);
        expect(
          await db()
            .select()
            .from(chatAttachments)
            .where(inArray(chatAttachments.id, untouched.map((x) => x.id))),
        ).toEqual(expect.arrayContaining(rowsBefore));
        await expectUnsent(mine, mineRow);
        expect((await rowOf(taken.id))!.messageId).toBe(holder.id);

        // A refused send took nothing: the same upload still goes on a message afterwards.
        const ok = await sent(a, { chatroom_id: room.id, content: 'now', attachment_ids: [mine.id] });
        expect(shown(ok.attachments)).toEqual(shown([mine]));
      });

      it("a stranger cannot send someone's attachment into their own room, and it stays the owner's to send", async () => {
        const [a, b, stranger] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, a, [b]);
        const strangersRoom = await createGroup(chat.api, stranger, [b]);
        const image = await uploadImage(a, room.id);
        const row = (await rowOf(image.id))!;
        await expectNoChatWrites(chat.sut, async () => {
          // Into their own room (where they are a member) and into the owner's (where they are not).
          expectError(await send(stranger, { chatroom_id: strangersRoom.id, content: 'mine now', client_id: clientId(), attachment_ids: [image.id] }), 404, 'NOT_FOUND');
          expectError(await send(stranger, { chatroom_id: room.id, content: 'mine now', client_id: clientId(), attachment_ids: [image.id] }), 404, 'NOT_FOUND');
          // A member of the room may not send it either: only its uploader.
          expectError(await send(b, { chatroom_id: room.id, content: 'mine now', client_id: clientId(), attachment_ids: [image.id] }), 404, 'NOT_FOUND');
        });
        await expectUnsent(image, row);
        expect(shown((await sent(a, { chatroom_id: room.id, content: 'mine', attachment_ids: [image.id] })).attachments)).toEqual(shown([image]));
      });
    });

    describe('deleting', () => {
      it('deleting a message announces it without attachments and takes the rows and the objects with it', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const bEvents = recordAll(await connect(b, [room.id]));
        const [image, file] = [await uploadImage(a, room.id), await uploadPdf(a, room.id)];
        const kept = await uploadPdf(a, room.id);
        const message = await sent(a, { chatroom_id: room.id, content: 'oops', attachment_ids: [image.id, file.id] });
        const other = await sent(a, { chatroom_id: room.id, content: 'stays', attachment_ids: [kept.id] });
        expect(storage().kind).toBe(storageKind);
        // Stored before: the file's original, the image's original, thumbnail and preview.
        const keys = attachmentKeys(room.id, image.id);
        for (const key of [attachmentKeys(room.id, file.id).original, keys.original, keys.thumb, keys.preview]) expect(await storage().head(key), key).not.toBeNull();

        const deleted = await chat.api.delete(`/api/messages/${message.id}`, { token: a.token });
        expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
        expect(deleted.body).toMatchObject({ id: message.id, content: '', deleted_at: expect.any(String) });
        expect(deleted.body).not.toHaveProperty('attachments');
        await eventually(() => expect(bEvents.find((e) => e.event === 'message-deleted')?.payload).toEqual(deleted.body));
        expect(await db().select().from(chatAttachments).where(eq(chatAttachments.messageId, message.id))).toEqual([]);
        const recorded = await db().select().from(domainEvents).where(eq(domainEvents.name, 'chat.attachments.deleted'));
        expect(recorded.map((e) => e.payload)).toContainEqual({ chatroom_id: room.id, attachment_ids: expect.arrayContaining([image.id, file.id]) });
        expect((await history(b, room.id)).items.find((m) => m.id === message.id)).not.toHaveProperty('attachments');
        await expectObjectsGone([image, file]);

        // Deleting again answers the same; the other message keeps its attachment (and object).
        const twice = await chat.api.delete(`/api/messages/${message.id}`, { token: a.token });
        expect(twice.body).toEqual(deleted.body);
        expect((await history(b, room.id)).items.find((m) => m.id === other.id)!.attachments).toEqual(other.attachments);
        expect(await storage().head(attachmentKeys(room.id, kept.id).original)).not.toBeNull();
      });

      it('deleting a group takes its attachments and their objects', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const onMessage = await uploadImage(a, room.id);
        const unsent = await uploadPdf(b, room.id);
        await sent(a, { chatroom_id: room.id, content: 'pic', attachment_ids: [onMessage.id] });
        const response = await chat.api.delete(`/api/chatrooms/${room.id}`, { token: a.token });
        expect(response.status, JSON.stringify(response.body)).toBe(204);
        expect(await db().select().from(chatAttachments).where(eq(chatAttachments.chatroomId, room.id))).toEqual([]);
        await expectObjectsGone([onMessage, unsent]);
      });

      it('the last member leaving a group deletes it, and its attachments and objects with it', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const image = await uploadImage(b, room.id);
        await sent(b, { chatroom_id: room.id, content: 'bye', attachment_ids: [image.id] });
        for (const user of [a, b]) expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${user.id}`, { token: user.token })).status).toBe(204);
        expect((await chat.api.get(`/api/chatrooms/${room.id}`, { token: b.token })).status).toBe(404);
        expect(await rowOf(image.id)).toBeUndefined();
        await expectObjectsGone([image]);
      });
    });
  });
}
