import { AdminStats, ChatAttachment, ChatAttachmentTickets, CHAT_ATTACHMENT_BYTES_MAX, Message } from '@discordgym/contracts';
import { and, count, eq, sql } from 'drizzle-orm';
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { staffUser } from '../../../test/admin-fixtures';
import {
  type AttachmentFile,
  attachmentClientId,
  attachmentLinks,
  attachmentLinksResponse,
  completeAttachment,
  download,
  getAttachment,
  htmlBytes,
  jpegWithGps,
  pdfBytes,
  pngImage,
  putAttachment,
  putTo,
  requestAttachments,
  svgBytes,
  uploadAttachment,
  waitForAttachment,
  webpChunks,
} from '../../../test/chat-attachment-fixtures';
import { type ChatUser, chatUsers, clientId, createGroup, openDm, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { block } from '../../../test/friends-fixtures';
import { expectError } from '../../../test/expect-error';
import { eventually } from '../../../test/sockets';
import { chatAttachments, domainEvents } from '../../infra/db/schema';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { AttachmentSweepJobs } from './attachments/attachment-sweep.jobs';
import { ChatAttachmentUsage } from './attachments/chat-attachment-usage';
import { attachmentKeys } from './attachments/chat-attachments.repository';

const DAY_MS = 86_400_000;
const GIB = 1024 * 1024 * 1024;

/**
 * Issue 12 point 1, the upload side, over HTTP with real bytes through presigned URLs: the
 * upload request (membership, type, size, quotas, rate, idempotent client ids), the PUT
 * straight to storage, complete (size, and the type by its bytes: SVG/HTML and disguised
 * files refused), image processing (WebP derivatives without EXIF), signed links for members,
 * the unsent-upload sweep, room deletion and the admin stats. Run on the disk storage
 * (embedded) and on an S3 server that checks SigV4 (cluster).
 */
export function describeChatAttachmentUploads(mode: string, start: StartChatServer): void {
  describe(`chat attachment uploads (${mode})`, () => {
    const chat = useChatServer(start, { RATE_LIMIT_CHAT_ATTACHMENTS_PER_USER: '100000' });
    const db = () => chat.sut.server.infra.database.db;
    const storage = () => chat.sut.server.app.get<ObjectStorage>(OBJECT_STORAGE);
    const row = async (id: string) => (await db().select().from(chatAttachments).where(eq(chatAttachments.id, id)))[0];
    const rowsOfRoom = async (roomId: string) => Number((await db().select({ n: count() }).from(chatAttachments).where(eq(chatAttachments.chatroomId, roomId)))[0]!.n);
    const uploadedEvents = async (id: string) =>
      db()
        .select({ payload: domainEvents.payload })
        .from(domainEvents)
        .where(and(eq(domainEvents.name, 'chat.attachment.uploaded'), sql`${domainEvents.payload}->>'attachment_id' = ${id}`));
    /** A group of fresh users, the first its owner. */
    const pair = async () => {
      const [owner, member] = await chatUsers(chat.api, 2);
      return { room: await createGroup(chat.api, owner, [member]), users: [owner, member] as const };
    };
    const trio = async () => {
      const [owner, member, third] = await chatUsers(chat.api, 3);
      return { room: await createGroup(chat.api, owner, [member, third]), users: [owner, member, third] as const };
    };
    const send = async (user: ChatUser, roomId: string, attachmentIds: string[], content = ''): Promise<Message> => {
      const response = await chat.api.post('/api/messages', { chatroom_id: roomId, content, client_id: clientId(), attachment_ids: attachmentIds }, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return Message.parse(response.body);
    };

    describe('images', () => {
      it('goes processing → ready with a WebP thumbnail and preview without EXIF or GPS, size and placeholder set', async () => {
        const { room, users } = await pair();
        const [owner, member] = users;
        const original = await jpegWithGps(1200, 800);
        expect((await exifr.gps(original))?.latitude).toBeCloseTo(48.1374, 3);

        const ticket = await putAttachment(chat.api, owner.token, room.id, { name: 'squat rack.jpg', type: 'image/jpeg', bytes: original });
        expect(ticket.attachment).toMatchObject({ status: 'pending_upload', chatroom_id: room.id, uploader_id: owner.id, name: 'squat rack.jpg', byte_size: original.length });
        const completed = await completeAttachment(chat.api, owner.token, room.id, ticket.attachment.id);
        expect(completed.status, JSON.stringify(completed.body)).toBe(200);
        expect(ChatAttachment.parse(completed.body)).toMatchObject({ kind: 'image', content_type: 'image/jpeg' });
        expect(['processing', 'ready']).toContain(completed.body.status);
        expect(await uploadedEvents(ticket.attachment.id)).toHaveLength(1);

        const ready = await waitForAttachment(chat.api, owner.token, room.id, ticket.attachment.id);
        // EXIF orientation 6: the picture is displayed upright, 800 × 1200.
        expect(ready).toMatchObject({ kind: 'image', status: 'ready', width: 800, height: 1200, failure_reason: null });
        expect(ready.placeholder).toMatch(/^[A-Za-z0-9+/]+=*$/);
        const stored = await row(ready.id);
        expect(stored!.derivedBytes).toBeGreaterThan(0);

        const link = (await attachmentLinks(chat.api, owner.token, room.id, [ready.id])).get(ready.id)!;
        for (const url of [link.thumb_url!, link.preview_url!]) {
          const got = await download(chat.api, url);
          expect(got.status).toBe(200);
          expect(got.headers.get('content-type')).toBe('image/webp');
          expect(got.bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
          expect(webpChunks(got.bytes).filter((c) => c === 'EXIF' || c === 'XMP ')).toEqual([]);
          expect(await exifr.gps(got.bytes).catch(() => undefined)).toBeUndefined();
        }
        const thumb = await sharp((await download(chat.api, link.thumb_url!)).bytes).metadata();
        expect(Math.max(thumb.width!, thumb.height!)).toBe(400);
        expect(thumb.height! > thumb.width!).toBe(true);
        // Its uploader downloads their own original, EXIF and all.
        const mine = await download(chat.api, link.url);
        expect(mine.bytes.equals(original)).toBe(true);
        expect(mine.headers.get('content-disposition')).toMatch(/^attachment;.*squat rack\.jpg/);

        // Before it is on a message, nobody else sees it.
        expectError(await getAttachment(chat.api, member.token, room.id, ready.id), 404, 'NOT_FOUND');
        expect((await attachmentLinks(chat.api, member.token, room.id, [ready.id])).size).toBe(0);

        // On a message, another member gets the EXIF-free preview as the download, never the original.
        await send(owner, room.id, [ready.id]);
        expect(ChatAttachment.parse((await getAttachment(chat.api, member.token, room.id, ready.id)).body).id).toBe(ready.id);
        const theirs = (await attachmentLinks(chat.api, member.token, room.id, [ready.id])).get(ready.id)!;
        expect(theirs.thumb_url).not.toBeNull();
        const got = await download(chat.api, theirs.url);
        expect(got.bytes.equals(original)).toBe(false);
        expect(got.bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
        expect(got.headers.get('content-disposition')).toMatch(/^attachment;.*squat rack\.webp/);
        expect(await exifr.gps(got.bytes).catch(() => undefined)).toBeUndefined();
      });

      it('takes a PNG claimed as application/octet-stream as the image it is', async () => {
        const { room, users } = await pair();
        const ready = await uploadAttachment(chat.api, users[0].token, room.id, { name: 'plan.bin', type: 'application/octet-stream', bytes: await pngImage(300, 200) });
        expect(ready).toMatchObject({ kind: 'image', content_type: 'image/png', width: 300, height: 200 });
      });

      it('fails an image that does not decode (undecodable) and deletes its object', async () => {
        const { room, users } = await pair();
        const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 0x41)]);
        const ticket = await putAttachment(chat.api, users[0].token, room.id, { name: 'broken.jpg', type: 'image/jpeg', bytes: broken });
        expect((await completeAttachment(chat.api, users[0].token, room.id, ticket.attachment.id)).status).toBe(200);
        const failed = await waitForAttachment(chat.api, users[0].token, room.id, ticket.attachment.id, 'failed');
        expect(failed.failure_reason).toBe('undecodable');
        await eventually(async () => expect(await storage().head(attachmentKeys(room.id, failed.id).original)).toBeNull());
        expect((await attachmentLinks(chat.api, users[0].token, room.id, [failed.id])).size).toBe(0);
      });

      it('keeps a HEIC sharp cannot decode as a file to download', async () => {
        const { room, users } = await pair();
        const ftyp = Buffer.alloc(24);
        ftyp.writeUInt32BE(24, 0);
        ftyp.write('ftypheic', 4, 'latin1');
        ftyp.write('mif1heic', 16, 'latin1');
        const heic = Buffer.concat([ftyp, Buffer.alloc(2000, 7)]);
        const ready = await uploadAttachment(chat.api, users[0].token, room.id, { name: 'IMG_0001.HEIC', type: 'image/heic', bytes: heic });
        expect(ready).toMatchObject({ kind: 'file', status: 'ready', content_type: 'image/heic', width: null });
        const link = (await attachmentLinks(chat.api, users[0].token, room.id, [ready.id])).get(ready.id)!;
        expect(link).toMatchObject({ thumb_url: null, preview_url: null });
        expect((await download(chat.api, link.url)).bytes.equals(heic)).toBe(true);
      });
    });

    describe('files', () => {
      it('makes a PDF a ready file whose link downloads it as an attachment, the same bytes', async () => {
        const { room, users } = await pair();
        const [owner, member] = users;
        const pdf = pdfBytes();
        const ready = await uploadAttachment(chat.api, owner.token, room.id, { name: 'programme.pdf', type: 'application/pdf', bytes: pdf });
        expect(ready).toMatchObject({ kind: 'file', status: 'ready', content_type: 'application/pdf', byte_size: pdf.length, width: null, placeholder: null });
        expect(await uploadedEvents(ready.id)).toHaveLength(0);
        await send(owner, room.id, [ready.id], 'the plan');
        for (const user of [owner, member]) {
          const link = (await attachmentLinks(chat.api, user.token, room.id, [ready.id])).get(ready.id)!;
          expect(link).toMatchObject({ thumb_url: null, preview_url: null });
          expect(Date.parse(link.expires_at) - Date.now()).toBeLessThanOrEqual(600_000);
          const got = await download(chat.api, link.url);
          expect(got.status).toBe(200);
          expect(got.bytes.equals(pdf)).toBe(true);
          expect(got.headers.get('content-type')).toBe('application/pdf');
          expect(got.headers.get('content-disposition')).toMatch(/^attachment;.*programme\.pdf/);
          // S3 takes no nosniff override on a presigned GET; the disk storage sets it on every object.
          if (storage().kind === 'disk') expect(got.headers.get('x-content-type-options')).toBe('nosniff');
        }
      });

      it('types a file by its bytes, not its claim (text claimed as a PDF is text/plain)', async () => {
        const { room, users } = await pair();
        const ready = await uploadAttachment(chat.api, users[0].token, room.id, { name: 'notes.pdf', type: 'application/pdf', bytes: Buffer.from('squat 5x5\nbench 3x8\n') });
        expect(ready).toMatchObject({ kind: 'file', content_type: 'text/plain' });
      });
    });

    describe('refused content', () => {
      const expectRefused = async (file: AttachmentFile) => {
        const { room, users } = await pair();
        const ticket = await putAttachment(chat.api, users[0].token, room.id, file);
        const key = attachmentKeys(room.id, ticket.attachment.id).original;
        expect(await storage().head(key)).not.toBeNull();
        expectError(await completeAttachment(chat.api, users[0].token, room.id, ticket.attachment.id), 422, 'FILE_TYPE_REFUSED');
        expect(await storage().head(key)).toBeNull();
        expect(await row(ticket.attachment.id)).toMatchObject({ status: 'failed', failureReason: 'type_refused' });
        expect(await uploadedEvents(ticket.attachment.id)).toHaveLength(0);
        // A retry says the same, and never serves it.
        expectError(await completeAttachment(chat.api, users[0].token, room.id, ticket.attachment.id), 422, 'FILE_TYPE_REFUSED');
        expect((await attachmentLinks(chat.api, users[0].token, room.id, [ticket.attachment.id])).size).toBe(0);
      };

      it('refuses an SVG disguised as a PNG: 422, the object deleted, the row failed', () => expectRefused({ name: 'cute.png', type: 'image/png', bytes: svgBytes() }));
      it('refuses an SVG claimed as application/octet-stream', () => expectRefused({ name: 'x.bin', type: 'application/octet-stream', bytes: svgBytes() }));
      it('refuses HTML claimed as application/octet-stream', () => expectRefused({ name: 'page.bin', type: 'application/octet-stream', bytes: htmlBytes() }));
      it('refuses HTML claimed as text/plain, behind a BOM and whitespace', () =>
        expectRefused({ name: 'notes.txt', type: 'text/plain', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n  \t'), htmlBytes()]) }));
      it('refuses a PDF claimed as an image (a disguised file)', () => expectRefused({ name: 'photo.jpg', type: 'image/jpeg', bytes: pdfBytes() }));

      it('refuses markup types up front: 415, nothing written', async () => {
        const { room, users } = await pair();
        for (const type of ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml', 'application/javascript']) {
          expectError(await requestAttachments(chat.api, users[0].token, room.id, [{ name: 'x', type, bytes: svgBytes() }]), 415, 'UNSUPPORTED_MEDIA_TYPE');
        }
        expect(await rowsOfRoom(room.id)).toBe(0);
      });
    });

    describe('complete', () => {
      it('refuses a complete before the PUT, and a stored size that is not the announced one (deleted, 409)', async () => {
        const { room, users } = await pair();
        const bytes = pdfBytes();
        const tickets = await requestAttachments(chat.api, users[0].token, room.id, [{ name: 'a.pdf', type: 'application/pdf', bytes }]);
        const id = ChatAttachmentTickets.parse(tickets.body).items[0]!.attachment.id;
        expectError(await completeAttachment(chat.api, users[0].token, room.id, id), 409, 'UPLOAD_INCOMPLETE');
        // A writer that bypassed the signed length (a buggy proxy): the server checks what is stored.
        const key = attachmentKeys(room.id, id).original;
        await storage().write(key, bytes.subarray(0, 100), { contentType: 'application/pdf', contentLength: 100 });
        expectError(await completeAttachment(chat.api, users[0].token, room.id, id), 409, 'UPLOAD_INCOMPLETE');
        expect(await storage().head(key)).toBeNull();
        expect(await row(id)).toMatchObject({ status: 'pending_upload' });
      });

      it('is idempotent: a second complete answers the same attachment', async () => {
        const { room, users } = await pair();
        const ready = await uploadAttachment(chat.api, users[0].token, room.id, { name: 'a.pdf', type: 'application/pdf', bytes: pdfBytes() });
        const again = await completeAttachment(chat.api, users[0].token, room.id, ready.id);
        expect(again.status).toBe(200);
        expect(ChatAttachment.parse(again.body)).toEqual(ready);
      });
    });

    describe('who may', () => {
      it('refuses strangers on every route with 404, and writes nothing', async () => {
        const { room, users } = await pair();
        const [stranger] = await chatUsers(chat.api, 1);
        const ready = await uploadAttachment(chat.api, users[0].token, room.id, { name: 'a.pdf', type: 'application/pdf', bytes: pdfBytes() });
        await send(users[0], room.id, [ready.id]);
        const before = await rowsOfRoom(room.id);
        expectError(await requestAttachments(chat.api, stranger.token, room.id, [{ name: 'x.pdf', type: 'application/pdf', bytes: pdfBytes() }]), 404, 'NOT_FOUND');
        expectError(await completeAttachment(chat.api, stranger.token, room.id, ready.id), 404, 'NOT_FOUND');
        expectError(await getAttachment(chat.api, stranger.token, room.id, ready.id), 404, 'NOT_FOUND');
        expectError(await attachmentLinksResponse(chat.api, stranger.token, room.id, [ready.id]), 404, 'NOT_FOUND');
        expect(await rowsOfRoom(room.id)).toBe(before);
        // Nor does an attachment of this room answer under another room's id.
        const other = await createGroup(chat.api, stranger, [users[1]]);
        expectError(await getAttachment(chat.api, users[1].token, other.id, ready.id), 404, 'NOT_FOUND');
        expect((await attachmentLinks(chat.api, users[1].token, other.id, [ready.id])).size).toBe(0);
      });

      it('refuses uploads into a DM once either side blocked the other (403), writing nothing', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const dm = await openDm(chat.api, a, b);
        expect((await requestAttachments(chat.api, a.token, dm.id, [{ name: 'x.pdf', type: 'application/pdf', bytes: pdfBytes() }])).status).toBe(200);
        await block(chat.api, b, a);
        expectError(await requestAttachments(chat.api, a.token, dm.id, [{ name: 'y.pdf', type: 'application/pdf', bytes: pdfBytes('y') }]), 403);
        expect(await rowsOfRoom(dm.id)).toBe(1);
      });

      it('lets only the uploader complete, and shows an unsent upload to nobody else', async () => {
        const { room, users } = await trio();
        const [owner, member, third] = users;
        const ticket = await putAttachment(chat.api, member.token, room.id, { name: 'a.pdf', type: 'application/pdf', bytes: pdfBytes() });
        expectError(await completeAttachment(chat.api, owner.token, room.id, ticket.attachment.id), 404, 'NOT_FOUND');
        expect(await row(ticket.attachment.id)).toMatchObject({ status: 'pending_upload' });
        expect((await completeAttachment(chat.api, member.token, room.id, ticket.attachment.id)).status).toBe(200);
        for (const other of [owner, third]) {
          expectError(await getAttachment(chat.api, other.token, room.id, ticket.attachment.id), 404, 'NOT_FOUND');
          expect((await attachmentLinks(chat.api, other.token, room.id, [ticket.attachment.id])).size).toBe(0);
        }
        expect((await attachmentLinks(chat.api, member.token, room.id, [ticket.attachment.id])).size).toBe(1);
      });

      it('leaves out ids that are unknown, not ready, or on a deleted message, without telling them apart', async () => {
        const { room, users } = await pair();
        const [owner, member] = users;
        const sent = await uploadAttachment(chat.api, owner.token, room.id, { name: 'a.pdf', type: 'application/pdf', bytes: pdfBytes('one') });
        const gone = await uploadAttachment(chat.api, owner.token, room.id, { name: 'b.pdf', type: 'application/pdf', bytes: pdfBytes('two') });
        const pending = await putAttachment(chat.api, owner.token, room.id, { name: 'c.pdf', type: 'application/pdf', bytes: pdfBytes('three') });
        await send(owner, room.id, [sent.id]);
        const doomed = await send(owner, room.id, [gone.id]);
        expect((await chat.api.delete(`/api/messages/${doomed.id}`, { token: owner.token })).status).toBeLessThan(300);
        const unknown = '0190a2b4-0000-7000-8000-000000000000';
        const links = await attachmentLinks(chat.api, member.token, room.id, [unknown, pending.attachment.id, gone.id, sent.id]);
        expect([...links.keys()]).toEqual([sent.id]);
      });

      it('gives a removed member links only to what was sent before their removal', async () => {
        const { room, users } = await trio();
        const [owner, removed] = users;
        const before = await uploadAttachment(chat.api, owner.token, room.id, { name: 'before.pdf', type: 'application/pdf', bytes: pdfBytes('before') });
        await send(owner, room.id, [before.id]);
        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${removed.id}`, { token: owner.token })).status).toBe(204);
        const after = await uploadAttachment(chat.api, owner.token, room.id, { name: 'after.pdf', type: 'application/pdf', bytes: pdfBytes('after') });
        await send(owner, room.id, [after.id]);
        const links = await attachmentLinks(chat.api, removed.token, room.id, [before.id, after.id]);
        expect([...links.keys()]).toEqual([before.id]);
        expectError(await getAttachment(chat.api, removed.token, room.id, after.id), 404, 'NOT_FOUND');
        // And they cannot upload any more.
        expectError(await requestAttachments(chat.api, removed.token, room.id, [{ name: 'x.pdf', type: 'application/pdf', bytes: pdfBytes() }]), 404, 'NOT_FOUND');
      });
    });

    describe('client ids', () => {
      it('answers the same attachment for the same client_id (a fresh PUT URL, no second row)', async () => {
        const { room, users } = await pair();
        const file = { name: 'a.pdf', type: 'application/pdf', bytes: pdfBytes(), clientId: attachmentClientId() };
        const first = ChatAttachmentTickets.parse((await requestAttachments(chat.api, users[0].token, room.id, [file])).body).items[0]!;
        const second = ChatAttachmentTickets.parse((await requestAttachments(chat.api, users[0].token, room.id, [file])).body).items[0]!;
        expect(second.attachment.id).toBe(first.attachment.id);
        expect(second.put).not.toBeNull();
        // Parallel retries too.
        const parallel = await Promise.all([1, 2, 3].map(() => requestAttachments(chat.api, users[0].token, room.id, [file])));
        expect(parallel.map((r) => ChatAttachmentTickets.parse(r.body).items[0]!.attachment.id)).toEqual([first.attachment.id, first.attachment.id, first.attachment.id]);
        expect(await rowsOfRoom(room.id)).toBe(1);
        // Once complete, the retry gets no PUT URL.
        const put = await putTo(chat.api, second.put!.url, second.put!.headers, file.bytes);
        expect(put.status).toBeLessThan(300);
        expect((await completeAttachment(chat.api, users[0].token, room.id, first.attachment.id)).status).toBe(200);
        const third = ChatAttachmentTickets.parse((await requestAttachments(chat.api, users[0].token, room.id, [file])).body).items[0]!;
        expect(third).toMatchObject({ put: null, attachment: { id: first.attachment.id, status: 'ready' } });
      });

      it('refuses the same client_id for another size, type or room (409), writing nothing', async () => {
        const { room, users } = await pair();
        const other = await createGroup(chat.api, users[0], [users[1]]);
        const id = attachmentClientId();
        const bytes = pdfBytes();
        expect((await requestAttachments(chat.api, users[0].token, room.id, [{ name: 'a.pdf', type: 'application/pdf', bytes, clientId: id }])).status).toBe(200);
        for (const [roomId, file] of [
          [room.id, { name: 'a.pdf', type: 'application/pdf', bytes: Buffer.concat([bytes, Buffer.from('x')]), clientId: id }],
          [room.id, { name: 'a.pdf', type: 'application/zip', bytes, clientId: id }],
          [other.id, { name: 'a.pdf', type: 'application/pdf', bytes, clientId: id }],
        ] as const) {
          expectError(await requestAttachments(chat.api, users[0].token, roomId, [file]), 409, 'CLIENT_ID_CONFLICT');
        }
        expect(await rowsOfRoom(room.id)).toBe(1);
        expect(await rowsOfRoom(other.id)).toBe(0);
        // The same client_id twice in one request is a client bug too.
        expectError(
          await requestAttachments(chat.api, users[0].token, room.id, [
            { name: 'b', type: 'text/plain', bytes, clientId: 'a_dup' },
            { name: 'c', type: 'text/plain', bytes, clientId: 'a_dup' },
          ]),
          400,
          'VALIDATION_FAILED',
        );
        expect(await rowsOfRoom(room.id)).toBe(1);
      });
    });

    describe('bad input', () => {
      it('answers 400 on each route for malformed input, and writes nothing', async () => {
        const { room, users } = await pair();
        const token = users[0].token;
        const ok = { client_id: attachmentClientId(), name: 'a.pdf', type: 'application/pdf', size: 100 };
        const bodies: unknown[] = [
          {},
          { files: [] },
          { files: [ok], extra: 1 },
          { files: [{ ...ok, extra: true }] },
          { files: Array.from({ length: 11 }, () => ({ ...ok, client_id: attachmentClientId() })) },
          { files: [{ ...ok, type: 'png' }] },
          { files: [{ ...ok, type: 'image/png; charset=x' }] },
          { files: [{ ...ok, size: 0 }] },
          { files: [{ ...ok, size: -1 }] },
          { files: [{ ...ok, size: 1.5 }] },
          { files: [{ ...ok, size: CHAT_ATTACHMENT_BYTES_MAX + 1 }] },
          { files: [{ ...ok, name: '' }] },
          { files: [{ ...ok, client_id: undefined }] },
          { files: [{ ...ok, client_id: 'has spaces' }] },
          { files: 'nope' },
        ];
        for (const body of bodies) {
          const response = await chat.api.post(`/api/chatrooms/${room.id}/attachments`, body, { token });
          expectError(response, 400, 'VALIDATION_FAILED');
        }
        expectError(await chat.api.post('/api/chatrooms/not-a-uuid/attachments', { files: [ok] }, { token }), 400, 'VALIDATION_FAILED');
        expectError(await chat.api.post(`/api/chatrooms/${room.id}/attachments/not-a-uuid/complete`, undefined, { token }), 400, 'VALIDATION_FAILED');
        expectError(await chat.api.get(`/api/chatrooms/${room.id}/attachments/not-a-uuid`, { token }), 400, 'VALIDATION_FAILED');
        expectError(await chat.api.get(`/api/chatrooms/nope/attachments/${room.id}`, { token }), 400, 'VALIDATION_FAILED');
        for (const body of [{}, { attachment_ids: [] }, { attachment_ids: ['x'] }, { attachment_ids: [room.id], extra: 1 }, { attachment_ids: Array.from({ length: 101 }, () => room.id) }]) {
          expectError(await chat.api.post(`/api/chatrooms/${room.id}/attachment-links`, body, { token }), 400, 'VALIDATION_FAILED');
        }
        expectError(await chat.api.post(`/api/chatrooms/${room.id}/attachments`, undefined, { token, raw: '{"files": [' }), 400);
        expect(await rowsOfRoom(room.id)).toBe(0);
      });

      it('cleans file names (no folders, no control characters)', async () => {
        const { room, users } = await pair();
        const tickets = await requestAttachments(chat.api, users[0].token, room.id, [{ name: 'C:\\Users\\me/../plan "final".pdf', type: 'application/pdf', bytes: pdfBytes() }]);
        expect(tickets.status, JSON.stringify(tickets.body)).toBe(200);
        expect(ChatAttachmentTickets.parse(tickets.body).items[0]!.attachment.name).toBe('plan final.pdf');
      });
    });

    describe('sweep and deletion', () => {
      it('sweeps an expired unsent upload, its row and its object, and leaves sent ones alone', async () => {
        const { room, users } = await pair();
        const unsent = await uploadAttachment(chat.api, users[0].token, room.id, { name: 'forgotten.pdf', type: 'application/pdf', bytes: pdfBytes('forgotten') });
        const neverCompleted = await putAttachment(chat.api, users[0].token, room.id, { name: 'tab closed.pdf', type: 'application/pdf', bytes: pdfBytes('closed') });
        const kept = await uploadAttachment(chat.api, users[0].token, room.id, { name: 'sent.pdf', type: 'application/pdf', bytes: pdfBytes('sent') });
        await send(users[0], room.id, [kept.id]);
        const sweep = chat.sut.server.app.get(AttachmentSweepJobs);
        // Not yet: a day to send.
        await sweep.sweep(new Date(Date.now() + 60 * 60_000));
        expect(await row(unsent.id)).toBeDefined();

        await sweep.sweep(new Date(Date.now() + DAY_MS + 60 * 60_000));
        expect(await row(unsent.id)).toBeUndefined();
        expect(await row(neverCompleted.attachment.id)).toBeUndefined();
        expect(await row(kept.id)).toBeDefined();
        await eventually(async () => {
          expect(await storage().head(attachmentKeys(room.id, unsent.id).original)).toBeNull();
          expect(await storage().head(attachmentKeys(room.id, neverCompleted.attachment.id).original)).toBeNull();
        }, 10_000);
        expect(await storage().head(attachmentKeys(room.id, kept.id).original)).not.toBeNull();
        expect((await attachmentLinks(chat.api, users[0].token, room.id, [kept.id])).size).toBe(1);
      });

      it('deletes every object under the room when the group is deleted', async () => {
        const { room, users } = await pair();
        const image = await uploadAttachment(chat.api, users[0].token, room.id, { name: 'a.png', type: 'image/png', bytes: await pngImage() });
        const file = await uploadAttachment(chat.api, users[1].token, room.id, { name: 'b.pdf', type: 'application/pdf', bytes: pdfBytes() });
        await send(users[0], room.id, [image.id]);
        await putAttachment(chat.api, users[1].token, room.id, { name: 'c.pdf', type: 'application/pdf', bytes: pdfBytes('c') });
        expect((await storage().list(`chat/${room.id}/`)).keys.length).toBe(5);
        expect((await chat.api.delete(`/api/chatrooms/${room.id}`, { token: users[0].token })).status).toBe(204);
        await eventually(async () => expect((await storage().list(`chat/${room.id}/`)).keys).toEqual([]), 10_000);
        expect(await row(file.id)).toBeUndefined();
      });
    });

    describe('admin stats', () => {
      it('shows chat file usage in total, per user and per room, with the quotas', async () => {
        const admin = await staffUser(chat, 'admin');
        const { room, users } = await pair();
        const pdf = pdfBytes('stats');
        const image = await uploadAttachment(chat.api, users[0].token, room.id, { name: 'big.png', type: 'image/png', bytes: await pngImage(2000, 1500) });
        await uploadAttachment(chat.api, users[0].token, room.id, { name: 'a.pdf', type: 'application/pdf', bytes: pdf });
        const derived = (await row(image.id))!.derivedBytes;
        const mine = image.byte_size + derived + pdf.length;
        chat.sut.server.app.get(ChatAttachmentUsage).invalidate();
        const response = await chat.api.get('/api/admin/stats', { token: admin.token });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        const usage = AdminStats.parse(response.body).chat_attachments;
        expect(usage).toMatchObject({ quota_user_bytes: GIB, quota_room_bytes: 5 * GIB });
        expect(usage.total_bytes).toBeGreaterThanOrEqual(mine);
        expect(usage.files).toBeGreaterThanOrEqual(2);
        // The largest first: this user's 2000 × 1500 PNG puts them (and the room) on the lists.
        expect(usage.top_users.find((u) => u.user_id === users[0].id)).toEqual({ user_id: users[0].id, username: users[0].username, bytes: mine, files: 2 });
        expect(usage.top_rooms.find((r) => r.chatroom_id === room.id)).toEqual({ chatroom_id: room.id, name: room.name, is_group: true, bytes: mine, files: 2 });
        const bytes = usage.top_users.map((u) => u.bytes);
        expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
      });
    });
  });

  describe(`chat attachment limits (${mode})`, () => {
    const QUOTA_USER = 40_000;
    const QUOTA_ROOM = 60_000;
    const chat = useChatServer(start, {
      CHAT_ATTACHMENT_MAX_BYTES: '30000',
      CHAT_ATTACHMENT_QUOTA_USER_BYTES: String(QUOTA_USER),
      CHAT_ATTACHMENT_QUOTA_ROOM_BYTES: String(QUOTA_ROOM),
      RATE_LIMIT_CHAT_ATTACHMENTS_PER_USER: '4',
      RATE_LIMIT_CHAT_ATTACHMENTS_WINDOW_SECONDS: '600',
    });
    const rowsOfRoom = async (roomId: string) =>
      Number((await chat.sut.server.infra.database.db.select({ n: count() }).from(chatAttachments).where(eq(chatAttachments.chatroomId, roomId)))[0]!.n);
    const file = (size: number): AttachmentFile => ({ name: 'f.bin', type: 'application/octet-stream', bytes: Buffer.alloc(size, 1) });

    it('refuses a file above CHAT_ATTACHMENT_MAX_BYTES with 413', async () => {
      const [a, b] = await chatUsers(chat.api, 2);
      const room = await createGroup(chat.api, a, [b]);
      expectError(await requestAttachments(chat.api, a.token, room.id, [file(30_001)]), 413, 'PAYLOAD_TOO_LARGE');
      expect(await rowsOfRoom(room.id)).toBe(0);
      expect((await requestAttachments(chat.api, a.token, room.id, [file(30_000)])).status).toBe(200);
    });

    it('holds the user quota over all rooms: 413 QUOTA_EXCEEDED with details, nothing written', async () => {
      const [a, b] = await chatUsers(chat.api, 2);
      const one = await createGroup(chat.api, a, [b]);
      const two = await createGroup(chat.api, a, [b]);
      expect((await requestAttachments(chat.api, a.token, one.id, [file(25_000)])).status).toBe(200);
      const refused = await requestAttachments(chat.api, a.token, two.id, [file(10_000), file(10_000)]);
      expectError(refused, 413, 'QUOTA_EXCEEDED');
      expect(refused.body.error.details).toEqual({ quota_user_bytes: QUOTA_USER, used_user_bytes: 25_000 });
      expect(await rowsOfRoom(two.id)).toBe(0);
      expect((await requestAttachments(chat.api, a.token, two.id, [file(15_000)])).status).toBe(200);
    });

    it('holds the room quota over all members', async () => {
      const [a, b, c] = await chatUsers(chat.api, 3);
      const room = await createGroup(chat.api, a, [b, c]);
      expect((await requestAttachments(chat.api, a.token, room.id, [file(30_000)])).status).toBe(200);
      expect((await requestAttachments(chat.api, b.token, room.id, [file(25_000)])).status).toBe(200);
      const refused = await requestAttachments(chat.api, c.token, room.id, [file(10_000)]);
      expectError(refused, 413, 'QUOTA_EXCEEDED');
      expect(refused.body.error.details).toEqual({ quota_room_bytes: QUOTA_ROOM, used_room_bytes: 55_000 });
      expect(await rowsOfRoom(room.id)).toBe(2);
    });

    it('lets only one of two parallel requests past the quota', async () => {
      const [a, b] = await chatUsers(chat.api, 2);
      const room = await createGroup(chat.api, a, [b]);
      const responses = await Promise.all([
        requestAttachments(chat.api, a.token, room.id, [file(25_000)]),
        requestAttachments(chat.api, b.token, room.id, [file(25_000)]),
        requestAttachments(chat.api, a.token, room.id, [file(20_000)]),
      ]);
      // b's 25,000 always fits; a's 25,000 and 20,000 together pass a's quota (40,000), and with b's the room's (60,000).
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 413]);
      const used = await rowsOfRoom(room.id);
      expect(used).toBe(2);
    });

    it('rate-limits upload requests per user: 429 with Retry-After, nothing written', async () => {
      const [a, b] = await chatUsers(chat.api, 2);
      const room = await createGroup(chat.api, a, [b]);
      for (let i = 0; i < 4; i++) expect((await requestAttachments(chat.api, a.token, room.id, [file(10)])).status).toBe(200);
      const limited = await requestAttachments(chat.api, a.token, room.id, [file(10)]);
      expectError(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await rowsOfRoom(room.id)).toBe(4);
      // Another user is not held back by a's requests.
      expect((await requestAttachments(chat.api, b.token, room.id, [file(10)])).status).toBe(200);
    });
  });
}
