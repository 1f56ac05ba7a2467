import { Inject, Injectable } from '@nestjs/common';
import {
  type Chatroom,
  type ChatroomList,
  type CreateChatroomBody,
  type HistoryQuery,
  type Message,
  type MessagePage,
  type Participant,
  type ReadState,
  type SendMessageBody,
  SYNC_PAGE_MAX,
  type SyncResult,
  GroupIcon,
  type SystemEvent,
  type UpdateChatroomBody,
} from '@discordgym/contracts';
import { effectiveNotificationLevel, type NotificationLevel, type NotificationLevelState } from '@discordgym/contracts';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { isUniqueViolation } from '../../infra/db/database';
import { RateLimiter } from '../../infra/kv/rate-limiter';
import { toPublicUser } from '../users/users.service';
import { mentionedHandles, systemUserOf, toMessage, toMessageWith, toParticipant } from './chat.mapper';
import { type ChatActor, ChatPolicy } from './chat.policy';
import { ChatCards } from './chat-cards';
import { type AttachmentRow, ChatAttachmentsRepository } from './attachments/chat-attachments.repository';
import { ChatRepository, type ChatroomRow, type Executor, type MessageRow, type UserRow } from './chat.repository';
import { ChatSendRepository, type PlainSendResult } from './chat-send.repository';
import { ReadAnnouncer } from './read-announcer';
import { ChatHistoryRepository } from './chat-history.repository';
import { DomainEvents } from '../../events/domain-events.service';
import { PresenceService } from '../../realtime/presence.service';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';

const ROOM_NOT_FOUND = 'Chatroom';

/**
 * The rules of chat, shared by REST and Socket.IO. Membership is checked here, once per
 * resource; events are emitted only after the write has committed.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly repository: ChatRepository,
    private readonly policy: ChatPolicy,
    private readonly emitter: RealtimeEmitter,
    private readonly limiter: RateLimiter,
    private readonly events: DomainEvents,
    private readonly cards: ChatCards,
    @Inject(CONFIG) private readonly config: Config,
    private readonly presence: PresenceService,
    private readonly attachments: ChatAttachmentsRepository,
    private readonly historyPages: ChatHistoryRepository,
    private readonly sends: ChatSendRepository,
    private readonly reads: ReadAnnouncer,
  ) {}

  // ---- rooms ----

  async listRooms(userId: string): Promise<ChatroomList> {
    return { items: await this.summaries(userId) };
  }

  async getRoom(userId: string, roomId: string): Promise<Chatroom> {
    const [room] = await this.summaries(userId, roomId);
    if (!room) throw AppError.notFound(ROOM_NOT_FOUND);
    return room;
  }

  async createRoom(userId: string, body: CreateChatroomBody): Promise<{ room: Chatroom; created: boolean }> {
    const others = [...new Set(body.participant_ids)].filter((id) => id !== userId);
    const isGroup = body.is_group ?? (body.name !== undefined || others.length !== 1);
    if (!isGroup && others.length !== 1) {
      throw new AppError('VALIDATION_FAILED', 'A DM has exactly one other participant', [{ path: 'participant_ids', message: 'exactly one other user' }]);
    }
    if (isGroup && !body.name) throw new AppError('VALIDATION_FAILED', 'A group needs a name', [{ path: 'name', message: 'required for a group' }]);
    const found = await this.repository.usersByIds(others);
    if (found.length !== others.length) throw AppError.notFound('User');

    if (!isGroup) {
      const dmKey = [userId, others[0]!].sort().join(':');
      const existing = await this.repository.findDm(dmKey);
      // A DM we share stays open to us both unless one blocked the other; a new one takes what the other accepts.
      if (existing) await this.policy.mayWriteInDm(userId, dmKey);
      else await this.policy.mayReach(userId, others);
      if (existing) return { room: await this.getRoom(userId, existing.id), created: false };
      let created = true;
      try {
        await this.repository.transaction((tx) =>
          this.repository.insertRoom(
            { id: uuidv7(), name: null, isGroup: false, dmKey, createdBy: userId },
            [
              { userId, role: 'member' },
              { userId: others[0]!, role: 'member' },
            ],
            tx,
          ),
        );
      } catch (error) {
        if (!isUniqueViolation(error, 'chatrooms_dm_key_key')) throw error;
        // The other side opened it at the same moment: theirs is the one.
        created = false;
      }
      const dm = await this.repository.findDm(dmKey);
      if (created) this.emitter.toUsers([userId, others[0]!], 'rooms-changed', { chatroom_id: dm!.id, reason: 'added' });
      return { room: await this.getRoom(userId, dm!.id), created };
    }

    await this.policy.mayReach(userId, others);
    const id = uuidv7();
    await this.repository.transaction((tx) =>
      this.repository.insertRoom(
        { id, name: body.name!, isGroup: true, dmKey: null, createdBy: userId },
        [{ userId, role: 'owner' }, ...others.map((o) => ({ userId: o, role: 'member' as const }))],
        tx,
      ),
    );
    this.emitter.toUsers([userId, ...others], 'rooms-changed', { chatroom_id: id, reason: 'added' });
    return { room: await this.getRoom(userId, id), created: true };
  }

  /** The owner's group settings: a new name (announced by a system line) and/or a built-in icon. */
  async updateRoom(userId: string, roomId: string, body: UpdateChatroomBody): Promise<Chatroom> {
    const { room } = await this.policy.ownerOfGroup(userId, roomId);
    const renamed = body.name !== undefined && body.name !== room.name;
    const line = await this.repository.transaction(async (tx) => {
      await this.repository.updateRoomSettings(room.id, { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.icon !== undefined ? { icon: body.icon } : {}) }, tx);
      return renamed ? this.writeSystemLine(tx, roomId, userId, { type: 'renamed', name: body.name! }) : null;
    });
    this.emitter.toUsers(await this.repository.participantIds(roomId), 'rooms-changed', { chatroom_id: roomId, reason: 'updated' });
    if (line) await this.announceSystemLine(line);
    return this.getRoom(userId, roomId);
  }

  /** Someone the owner removed clears the room from their list, on all their devices. */
  async dismissRemoval(userId: string, roomId: string): Promise<void> {
    if (!(await this.repository.deleteRemoval(roomId, userId))) throw AppError.notFound(ROOM_NOT_FOUND);
    this.emitter.toUsers([userId], 'rooms-changed', { chatroom_id: roomId, reason: 'deleted' });
  }

  async deleteRoom(userId: string, roomId: string): Promise<void> {
    await this.policy.ownerOfGroup(userId, roomId);
    // Removed members still list the room: they hear that it is gone too.
    const members = await this.repository.everyoneListing(roomId);
    await this.repository.transaction((tx) => this.deleteRoomIn(tx, roomId));
    this.events.kick();
    this.emitter.toUsers(members, 'rooms-changed', { chatroom_id: roomId, reason: 'deleted' });
    this.emitter.leaveRoom(members, roomId);
  }

  async addParticipants(userId: string, roomId: string, userIds: string[]): Promise<Chatroom> {
    const { room } = await this.policy.member(userId, roomId);
    if (!room.isGroup) throw AppError.forbidden('People cannot be added to a DM; create a group instead');
    const wanted = [...new Set(userIds)];
    const users = await this.repository.usersByIds(wanted);
    if (users.length !== wanted.length) throw AppError.notFound('User');
    const current = new Set(await this.repository.participantIds(roomId));
    await this.policy.mayReach(userId, wanted.filter((id) => !current.has(id)));
    const { added, line } = await this.repository.transaction(async (tx) => {
      const ids = new Set(await this.repository.addParticipants(roomId, wanted, tx));
      const named = users.filter((u) => ids.has(u.id)).map(systemUserOf);
      return { added: ids, line: named.length ? await this.writeSystemLine(tx, roomId, userId, { type: 'added', users: named }) : null };
    });
    for (const user of users.filter((u) => added.has(u.id))) {
      this.emitter.toRoom(roomId, 'user-joined', { chatroom_id: roomId, user: toPublicUser(user) });
    }
    this.emitter.toUsers([...added], 'rooms-changed', { chatroom_id: roomId, reason: 'added' });
    if (line) await this.announceSystemLine(line);
    return this.getRoom(userId, roomId);
  }

  /**
   * The owner removes anyone; anyone may leave. An owner who leaves hands the room on.
   * Leaving deletes my row; being removed keeps it, flagged, so the room stays in my list
   * read-only (up to the removal's system line) until I dismiss it.
   */
  async removeParticipant(userId: string, roomId: string, targetId: string): Promise<void> {
    const { room, membership } = await this.policy.member(userId, roomId);
    if (!room.isGroup) throw AppError.forbidden('A DM cannot be left');
    if (targetId !== userId && membership.role !== 'owner') throw AppError.forbidden('Only the owner removes people');
    const target = targetId === userId ? membership : await this.repository.findMembership(roomId, targetId);
    if (!target) throw AppError.notFound('Participant');
    const [user] = await this.repository.usersByIds([targetId]);
    const leaving = targetId === userId;

    const line = await this.repository.transaction(async (tx) => {
      const event: SystemEvent = leaving ? { type: 'left' } : { type: 'removed', user: user ? systemUserOf(user) : { id: targetId, name: '?' } };
      const written = await this.writeSystemLine(tx, roomId, userId, event);
      if (leaving) await this.repository.removeParticipant(roomId, targetId, tx);
      else await this.repository.markRemoved(roomId, targetId, userId, written.seq, tx);
      if (target.role === 'owner') {
        const next = await this.repository.promoteOldestMember(roomId, tx);
        if (!next) {
          await this.deleteRoomIn(tx, roomId);
          return null;
        }
      }
      return written;
    });
    // No line: the last member left, the room was deleted (and its event recorded).
    if (!line) this.events.kick();
    this.emitter.leaveRoom([targetId], roomId);
    if (user) this.emitter.toRoom(roomId, 'user-left', { chatroom_id: roomId, user: toPublicUser(user) });
    // Someone removed hears of it on their own channel: they are no longer in the room's.
    if (line) await this.announceSystemLine(line, leaving ? [] : [targetId]);
    this.emitter.toUsers([targetId], 'rooms-changed', { chatroom_id: roomId, reason: leaving ? 'deleted' : 'removed' });
  }

  /** For join-room: the room's head seq, so the client knows what to sync. */
  async assertMember(userId: string, roomId: string): Promise<ChatroomRow> {
    return (await this.policy.member(userId, roomId)).room;
  }

  async checkJoinRate(userId: string): Promise<void> {
    await this.limiter.consume('room-join', userId, { max: this.config.RATE_LIMIT_ROOM_JOINS_PER_USER, windowSeconds: 60 });
  }

  // ---- messages ----

  /**
   * A history page, each message with `is_read` for this viewer (seed 003). One statement:
   * the reader check (someone removed reads up to their removal, never further), the keyset
   * page and what each message shows beside its row.
   */
  async history(userId: string, roomId: string, query: HistoryQuery): Promise<MessagePage> {
    const from = query.after_seq !== undefined ? { after: query.after_seq } : { before: query.before_seq };
    const page = await this.historyPages.page(roomId, userId, from, query.limit + 1);
    if (!page) throw AppError.notFound(ROOM_NOT_FOUND);
    const { lastReadSeq } = page;
    return {
      items: page.messages
        .slice(0, query.limit)
        .map(({ row, extras }) => ({ ...toMessageWith(row, extras), is_read: row.senderId === userId || row.seq <= lastReadSeq })),
      has_more: page.messages.length > query.limit,
    };
  }

  /**
   * Idempotent per sender and client_id: a retry, on any instance and over REST or socket,
   * returns the first message (and announces it again, for members who may have missed
   * it when an instance died between commit and emit; clients drop repeats by id).
   * Without a client_id (seed 003 clients) the server makes one: that send is not idempotent.
   */
  async send(userId: string, input: SendMessageBody, origin?: SendOrigin): Promise<Message> {
    const body = { ...input, client_id: input.client_id ?? randomUUID() };
    const attachmentIds = body.attachment_ids ?? [];
    if (new Set(attachmentIds).size !== attachmentIds.length) {
      throw new AppError('VALIDATION_FAILED', 'An attachment is named twice', [{ path: 'attachment_ids', message: 'each attachment once' }]);
    }
    if (attachmentIds.length) return this.sendWithAttachments(userId, body, attachmentIds, origin);

    // The retry check is in the send's statement, after the limit: a retry refused by the
    // limit is looked up here, so a message already sent is still answered, never limited.
    try {
      await this.limiter.consume('message', userId, {
        max: this.config.RATE_LIMIT_MESSAGES_PER_USER,
        windowSeconds: this.config.RATE_LIMIT_MESSAGES_WINDOW_SECONDS,
      });
    } catch (error) {
      const existing = error instanceof AppError && error.code === 'RATE_LIMITED' ? await this.repository.findByClientId(userId, body.client_id) : undefined;
      if (!existing) throw error;
      return this.replay(userId, existing, body, origin);
    }
    // Only a message with a card pays for it: the feature checks the share and makes the snapshot.
    // Membership first, so nobody learns from a card's answer anything about a room they are not in.
    let card: MessageRow['card'] = null;
    if (body.card) {
      const existing = await this.repository.findByClientId(userId, body.client_id);
      if (existing) return this.replay(userId, existing, body, origin);
      await this.policy.maySend(userId, body.chatroom_id);
      if (!(await this.repository.findMembership(body.chatroom_id, userId))) throw AppError.notFound(ROOM_NOT_FOUND);
      card = await this.cards.snapshot({ userId, chatroomId: body.chatroom_id }, body.card);
    }
    const mentionIds = await this.resolveMentions(body.chatroom_id, body.content);
    let sent: PlainSendResult;
    try {
      sent = await this.sends.sendPlain({
        id: uuidv7(),
        eventId: uuidv7(),
        chatroomId: body.chatroom_id,
        senderId: userId,
        clientId: body.client_id,
        content: body.content,
        replyToId: body.reply_to_id ?? null,
        mentionIds,
        card,
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'messages_sender_client_key')) throw error;
      const raced = await this.repository.findByClientId(userId, body.client_id);
      if (!raced) throw error;
      return this.replay(userId, raced, body, origin);
    }
    switch (sent.kind) {
      case 'existing': {
        const existing = await this.repository.findByClientId(userId, body.client_id);
        if (!existing) throw new Error('a message with this client_id was seen but is gone');
        return this.replay(userId, existing, body, origin);
      }
      case 'blocked':
        // The policy says why (which side blocked); a block lifted meanwhile still refuses this one.
        await this.policy.maySend(userId, body.chatroom_id);
        throw AppError.forbidden('This person does not accept direct messages from you');
      case 'not-member':
        throw await this.policy.notMemberError(body.chatroom_id, userId);
      case 'no-parent':
        throw AppError.notFound('Message to reply to');
      case 'system-parent':
        throw AppError.forbidden('A system line cannot be replied to');
    }
    const { row, replyToSeq } = sent;
    const message = toMessage(row, [], mentionIds, sent.sender);
    await this.announceSent(message, origin);
    const pointer = sent.pointer ?? (await this.sends.settleSenderPointer(row.chatroomId, userId, row.seq, replyToSeq));
    // Answering an unread message reads up to it, and the room hears of that. Moving over
    // my own message only (all before it read) tells nobody anything new: no event.
    if (pointer && replyToSeq !== null && replyToSeq > sent.lastReadSeqBefore) {
      this.announceRead({ chatroom_id: row.chatroomId, user_id: userId, seq: pointer.seq }, pointer.sharesReceipts);
    }
    this.events.kick();
    return message;
  }

  /** A send with attachments: they are locked and checked one by one in a transaction (before the room row). */
  private async sendWithAttachments(userId: string, body: SendMessageBody & { client_id: string }, attachmentIds: string[], origin: SendOrigin | undefined): Promise<Message> {
    const existing = await this.repository.findByClientId(userId, body.client_id);
    if (existing) return this.replay(userId, existing, body, origin);

    await this.limiter.consume('message', userId, {
      max: this.config.RATE_LIMIT_MESSAGES_PER_USER,
      windowSeconds: this.config.RATE_LIMIT_MESSAGES_WINDOW_SECONDS,
    });
    await this.policy.maySend(userId, body.chatroom_id);
    // Only a message with a card pays for it: the feature checks the share and makes the snapshot.
    // Membership first, so nobody learns from a card's answer anything about a room they are not in.
    let card: MessageRow['card'] = null;
    if (body.card) {
      if (!(await this.repository.findMembership(body.chatroom_id, userId))) throw AppError.notFound(ROOM_NOT_FOUND);
      card = await this.cards.snapshot({ userId, chatroomId: body.chatroom_id }, body.card);
    }
    const [mentionIds, [sender]] = await Promise.all([this.resolveMentions(body.chatroom_id, body.content), this.repository.usersByIds([userId])]);
    let row: MessageRow;
    let attached: AttachmentRow[] = [];
    // Set inside the transaction (`as`: TypeScript would otherwise take it for always null after it).
    let readMoved = null as { state: ReadState; sharesReceipts: boolean } | null;
    try {
      row = await this.repository.transaction(async (tx) => {
        const membership = await this.repository.findMembership(body.chatroom_id, userId, tx);
        if (!membership) throw await this.policy.notMemberError(body.chatroom_id, userId, tx);
        let replyToSeq: number | null = null;
        if (body.reply_to_id) {
          const parent = await this.repository.findMessage(body.reply_to_id, tx);
          if (!parent || parent.chatroomId !== body.chatroom_id) throw AppError.notFound('Message to reply to');
          if (parent.kind === 'system') throw AppError.forbidden('A system line cannot be replied to');
          replyToSeq = parent.seq;
        }
        // Before the room row (insertMessage): every send locks in that order.
        await this.checkAttachments(tx, userId, body.chatroom_id, body.client_id, attachmentIds);
        const inserted = await this.repository.insertMessage(
          {
            id: uuidv7(),
            chatroomId: body.chatroom_id,
            senderId: userId,
            clientId: body.client_id,
            content: body.content,
            replyToId: body.reply_to_id ?? null,
            mentionIds,
            card,
          },
          tx,
        );
        await this.events.record(tx, 'message.created', {
          message_id: inserted.id,
          chatroom_id: inserted.chatroomId,
          sender_id: userId,
          seq: inserted.seq,
          mention_ids: mentionIds,
          reply_to_id: inserted.replyToId,
        });
        attached = await this.attachments.attachToMessage(inserted.id, attachmentIds, tx);
        const pointer = await this.repository.moveSenderPointer(body.chatroom_id, userId, inserted.seq, replyToSeq, tx);
        // Answering an unread message reads up to it, and the room hears of that. Moving over
        // my own message only (all before it read) tells nobody anything new: no event.
        if (pointer && replyToSeq !== null && replyToSeq > membership.lastReadSeq) {
          readMoved = { state: { chatroom_id: body.chatroom_id, user_id: userId, seq: pointer.seq }, sharesReceipts: pointer.sharesReceipts };
        }
        return inserted;
      });
    } catch (error) {
      if (error instanceof SentMeanwhile) return this.replay(userId, error.sent, body, origin);
      if (!isUniqueViolation(error, 'messages_sender_client_key')) throw error;
      const raced = await this.repository.findByClientId(userId, body.client_id);
      if (!raced) throw error;
      return this.replay(userId, raced, body, origin);
    }
    const message = toMessage(row, [], mentionIds, sender, attached);
    await this.announceSent(message, origin);
    if (readMoved) this.announceRead(readMoved.state, readMoved.sharesReceipts);
    this.events.kick();
    return message;
  }

  async edit(actor: ChatActor, messageId: string, content: string): Promise<Message> {
    const row = await this.policy.editableMessage(actor, messageId);
    const mentionIds = await this.resolveMentions(row.chatroomId, content);
    const updated = await this.repository.editMessage(messageId, content, mentionIds, new Date());
    return this.announce(updated, 'message-updated');
  }

  async delete(actor: ChatActor, messageId: string): Promise<Message> {
    const row = await this.policy.deletableMessage(actor, messageId);
    // Deleting twice (a retried request) answers like the first time.
    if (row.deletedAt) return (await this.toMessages([row]))[0]!;
    // The message, its attachment rows and the event that removes their objects: all or nothing.
    const deleted = await this.repository.transaction(async (tx) => {
      const locked = await this.repository.lockMessage(messageId, tx);
      // A delete that ran meanwhile did it all already.
      if (!locked || locked.deletedAt) return { row: locked ?? row, fresh: false };
      const updated = await this.repository.softDeleteMessage(messageId, new Date(), tx);
      const attachmentIds = await this.attachments.deleteOfMessage(messageId, tx);
      if (attachmentIds.length) await this.events.record(tx, 'chat.attachments.deleted', { chatroom_id: updated.chatroomId, attachment_ids: attachmentIds });
      return { row: updated, fresh: true };
    });
    if (!deleted.fresh) return (await this.toMessages([deleted.row]))[0]!;
    this.events.kick();
    return this.announce(deleted.row, 'message-deleted');
  }

  async react(userId: string, messageId: string, emoji: string, add: boolean): Promise<Message> {
    const row = await this.policy.reactableMessage(userId, messageId);
    const changed = add ? await this.repository.addReaction(messageId, userId, emoji) : await this.repository.removeReaction(messageId, userId, emoji);
    const [message] = await this.toMessages([row]);
    if (changed) {
      this.emitter.toRoom(row.chatroomId, 'reaction', { chatroom_id: row.chatroomId, message_id: messageId, user_id: userId, emoji, added: add, message: message! });
    }
    return message!;
  }

  async markRead(userId: string, roomId: string, seq: number): Promise<ReadState> {
    await this.policy.member(userId, roomId);
    const pointer = await this.repository.advanceReadPointer(roomId, userId, seq);
    if (pointer === undefined) throw AppError.notFound(ROOM_NOT_FOUND);
    const state = { chatroom_id: roomId, user_id: userId, seq: pointer.seq };
    this.announceRead(state, pointer.sharesReceipts);
    return state;
  }

  /** What this room notifies me about (read by the notifications consumer); my other tabs refresh the room. */
  async setNotificationLevel(userId: string, roomId: string, level: NotificationLevel): Promise<NotificationLevelState> {
    await this.policy.member(userId, roomId);
    if (!(await this.repository.setNotificationLevel(roomId, userId, level))) throw AppError.notFound(ROOM_NOT_FOUND);
    this.emitter.toUsers([userId], 'rooms-changed', { chatroom_id: roomId, reason: 'updated' });
    return { chatroom_id: roomId, level };
  }

  /** Everything after each room's last seen seq, oldest first: the reconnect catch-up. */
  async sync(userId: string, rooms: { chatroom_id: string; after_seq: number }[], limit = SYNC_PAGE_MAX): Promise<SyncResult> {
    // A room named twice is answered once, from the lower seq (that page covers both asks).
    const wanted = new Map<string, number>();
    for (const room of rooms) wanted.set(room.chatroom_id, Math.min(wanted.get(room.chatroom_id) ?? room.after_seq, room.after_seq));
    const result: SyncResult = { rooms: [] };
    for (const [chatroomId, afterSeq] of wanted) {
      try {
        const page = await this.history(userId, chatroomId, { after_seq: afterSeq, limit: Math.min(limit, SYNC_PAGE_MAX) });
        result.rooms.push({ chatroom_id: chatroomId, messages: page.items, has_more: page.has_more });
      } catch (error) {
        // A room I left (or never was in) answers for itself; the others still catch up.
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        result.rooms.push({ chatroom_id: chatroomId, messages: [], has_more: false, error: { code: error.code, message: error.message } });
      }
    }
    return result;
  }

  /** Users who share a room with this user: the only ones who may see their presence. */
  roomMateIds(userId: string): Promise<string[]> {
    return this.repository.roomMateIds(userId);
  }

  participantIds(roomId: string): Promise<string[]> {
    return this.repository.participantIds(roomId);
  }

  roomIdsOf(userId: string): Promise<string[]> {
    return this.repository.roomIdsOf(userId);
  }

  // ---- internals ----

  /**
   * Locks the attachments a send names and checks each may go on its message: this room's,
   * uploaded by the sender, ready, and on no message yet. One the sender may not use
   * answers like one that does not exist. One that is on the sender's own message with
   * this client_id was put there by a retry of this send that committed first: replay it.
   */
  private async checkAttachments(tx: Executor, userId: string, roomId: string, clientId: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const rows = await this.attachments.lockForSend(ids, tx);
    const usable = rows.filter((r) => r.chatroomId === roomId && r.uploaderId === userId);
    if (usable.length !== ids.length) throw AppError.notFound('Attachment');
    if (usable.some((r) => r.status === 'failed')) throw new AppError('ATTACHMENT_NOT_READY', 'An attachment failed (its file was refused or could not be processed); upload it again');
    if (usable.some((r) => r.status !== 'ready')) throw new AppError('ATTACHMENT_NOT_READY', 'An attachment is not uploaded and processed yet; send once it is ready');
    const taken = usable.find((r) => r.messageId !== null);
    if (taken) {
      const holder = await this.repository.findMessage(taken.messageId!, tx);
      if (holder && holder.senderId === userId && holder.clientId === clientId) throw new SentMeanwhile(holder);
      throw new AppError('ATTACHMENT_ALREADY_SENT', 'An attachment is already on another message');
    }
  }

  /** A group goes, its attachment rows by cascade; the event has the storage consumer delete its objects (by the room's prefix). */
  private async deleteRoomIn(tx: Executor, roomId: string): Promise<void> {
    await this.repository.deleteRoom(roomId, tx);
    await this.events.record(tx, 'chat.room.deleted', { chatroom_id: roomId });
  }

  /**
   * A system line, written like any message (the room's next seq, in the caller's
   * transaction) with its actor as sender; who did it reads it as read.
   */
  private async writeSystemLine(tx: Executor, roomId: string, actorId: string, event: SystemEvent): Promise<MessageRow> {
    const id = uuidv7();
    const row = await this.repository.insertMessage(
      { id, chatroomId: roomId, senderId: actorId, clientId: `sys-${id}`, content: '', replyToId: null, mentionIds: [], card: null, system: event },
      tx,
    );
    await this.repository.moveSenderPointer(roomId, actorId, row.seq, null, tx);
    return row;
  }

  /** After commit, like a sent message: the room hears `new-message`. */
  private async announceSystemLine(row: MessageRow, alsoUsers: string[] = []): Promise<void> {
    const [message] = await this.toMessages([row]);
    this.emitter.toRoom(row.chatroomId, 'new-message', message!);
    if (alsoUsers.length) this.emitter.toUsers(alsoUsers, 'new-message', message!);
  }

  /**
   * A moved read pointer: the whole room hears of it ("seen"), unless the reader keeps
   * read receipts to themselves; then only their own devices do (their unread counts).
   * Coalesced per room and reader (`ReadAnnouncer`): the first at once, then the newest.
   */
  private announceRead(state: ReadState, sharesReceipts: boolean): void {
    this.reads.announce(state, sharesReceipts);
  }

  /**
   * A new (or replayed) message to the room. The sending socket has it from its ack and
   * is left out; the sender's other sockets hear it like everyone else. History reads the
   * database itself (no cached page), so once a send is acked every page read shows it.
   */
  private async announceSent(message: Message, origin: SendOrigin | undefined): Promise<void> {
    if (origin?.socketId) this.emitter.toRoomExcept(message.chatroom_id, origin.socketId, 'new-message', message);
    else this.emitter.toRoom(message.chatroom_id, 'new-message', message);
  }

  private async replay(userId: string, existing: MessageRow, body: SendMessageBody, origin?: SendOrigin): Promise<Message> {
    // A retry is a send: only someone still in the room may make it (and have it announced again).
    if (!(await this.repository.findMembership(existing.chatroomId, userId))) throw AppError.notFound(ROOM_NOT_FOUND);
    // An edit or a delete since has replaced the stored text: then only room and reply can tell a retry apart.
    const sameText = existing.editedAt !== null || existing.deletedAt !== null || existing.content === body.content;
    const sameCard = existing.deletedAt !== null || (existing.card?.kind === body.card?.kind && existing.card?.id === body.card?.id);
    // A deleted message's attachments are gone: like its text, they cannot tell a retry apart.
    const sentIds = existing.deletedAt !== null ? undefined : (await this.attachments.ofMessages([existing.id])).map((a) => a.id);
    const sameAttachments = sentIds === undefined || sentIds.join() === (body.attachment_ids ?? []).join();
    const same = existing.chatroomId === body.chatroom_id && sameText && sameCard && sameAttachments && existing.replyToId === (body.reply_to_id ?? null);
    if (!same) throw new AppError('CLIENT_ID_CONFLICT', 'This client_id was already used for a different message');
    const [message] = await this.toMessages([existing]);
    // The first attempt may have committed and then failed before this (Redis away).
    await this.announceSent(message!, origin);
    return message!;
  }

  private async announce(row: MessageRow, event: 'message-updated' | 'message-deleted'): Promise<Message> {
    const [message] = await this.toMessages([row]);
    this.emitter.toRoom(row.chatroomId, event, message!);
    return message!;
  }

  private async resolveMentions(roomId: string, content: string): Promise<string[]> {
    const handles = mentionedHandles(content);
    if (!handles.size) return [];
    const members = await this.repository.participants([roomId]);
    return members.filter(({ user }) => handles.has(`${user.username}#${user.discriminator}`.toLowerCase())).map(({ user }) => user.id);
  }

  /** Rows as the API shows them (reactions, mentions, attachments, author: one statement); also used by ChatSearchService. */
  async toMessages(rows: MessageRow[]): Promise<Message[]> {
    const extras = await this.historyPages.extrasOf(rows);
    return rows.map((row) => toMessageWith(row, extras.get(row.id)));
  }

  private async summaries(userId: string, onlyRoomId?: string): Promise<Chatroom[]> {
    const rows = await this.repository.roomSummaries(userId, onlyRoomId);
    const roomIds = rows.map((r) => r.room.id);
    const removerIds = [...new Set(rows.flatMap((r) => (r.membership.removedBy ? [r.membership.removedBy] : [])))];
    const [participants, lastRows, removers] = await Promise.all([
      this.repository.participants(roomIds),
      this.repository.lastMessages(roomIds, userId),
      this.repository.usersByIds(removerIds),
    ]);
    const lastMessages = await this.toMessages(lastRows);
    // Seed 003: each participant's is_online / last_seen, where this viewer may see them.
    const online = await this.presence.onlineFor(userId, [...new Set(participants.map((p) => p.user.id))]);
    const withPresence = (participant: Participant): Participant => {
      const seen = online.get(participant.user.id);
      return seen ? { ...participant, user: { ...participant.user, ...seen } } : participant;
    };
    return rows.map(({ room, membership, unreadCount }) => ({
      id: room.id,
      name: room.name,
      icon: asGroupIcon(room.icon),
      is_group: room.isGroup,
      created_by: room.createdBy,
      created_at: room.createdAt.toISOString(),
      updated_at: room.updatedAt.toISOString(),
      // Someone removed sees the room as it was when they left it.
      last_seq: membership.removedSeq ?? room.lastSeq,
      last_read_seq: membership.lastReadSeq,
      unread_count: unreadCount,
      last_message: lastMessages.find((m) => m.chatroom_id === room.id) ?? null,
      participants: membership.removedAt
        ? []
        : participants.filter((p) => p.participant.chatroomId === room.id).map((p) => withPresence(toParticipant(p.participant, p.user, userId))),
      notification_level: effectiveNotificationLevel(membership.notificationLevel, room.isGroup),
      removed: membership.removedAt
        ? { at: membership.removedAt.toISOString(), by: removerOf(removers, membership.removedBy) }
        : null,
    }));
  }
}

/** Where a send came from: the socket that sent it gets the message in its ack, not again as `new-message`. */
export interface SendOrigin {
  socketId?: string;
}

/** Thrown out of a send's transaction (rolling it back) when a retry of the same send committed first. */
class SentMeanwhile extends Error {
  constructor(readonly sent: MessageRow) {
    super('sent meanwhile');
  }
}

const asGroupIcon = (icon: string | null): GroupIcon | null => (GroupIcon.safeParse(icon).success ? (icon as GroupIcon) : null);

function removerOf(users: UserRow[], id: string | null): { id: string; name: string } | null {
  const user = id ? users.find((u) => u.id === id) : undefined;
  return user ? systemUserOf(user) : null;
}
