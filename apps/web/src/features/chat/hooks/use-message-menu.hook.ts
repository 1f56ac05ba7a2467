import type { Chatroom, Message } from '@discordgym/contracts';
import { type KeyboardEvent, type MouseEvent, useEffect, useMemo, useState } from 'react';
import type { MenuEntry } from '../../../components/menu.component';
import { type ChatTextKey, useChatI18n } from './use-chat-i18n.hook';
import type { MessageActions } from './message-actions.types';

interface MenuTarget {
  message: Message;
  at: { x: number; y: number };
  opener: HTMLElement;
}

/** A link that opens the room at this message, also outside the app (what the room page reads). */
export const messageLink = (message: Message): string =>
  `${window.location.origin}/chat/${message.chatroom_id}?message=${encodeURIComponent(message.id)}&seq=${message.seq}`;

/** Is this the key that opens a context menu: the menu key, or Shift+F10? */
export const isContextMenuKey = (event: { key: string; shiftKey: boolean }): boolean =>
  event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10');

/**
 * The context menu of a message: opened by a right-click, by Shift+F10 or the menu key on
 * a focused message, or by its "More" button. Its entries are the actions the message
 * already has (reply, edit, delete) plus copying its link or its text.
 */
export function useMessageMenu(room: Chatroom, messages: readonly Message[], meId: string, canModerate: boolean, actions: MessageActions) {
  const { t } = useChatI18n();
  const [target, setTarget] = useState<MenuTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 3000);
    return () => clearTimeout(timer);
  }, [notice]);

  const hit = (element: EventTarget | null): { item: HTMLElement; message: Message } | null => {
    const item = element instanceof Element ? element.closest<HTMLElement>('[data-message-item]') : null;
    const message = item?.dataset.messageId ? byId.get(item.dataset.messageId) : undefined;
    return item && message && !message.deleted_at ? { item, message } : null;
  };

  const onContextMenu = (event: MouseEvent<HTMLElement>): void => {
    const found = hit(event.target);
    // Outside a message, or in a field (the edit box), the browser's own menu stays.
    if (!found || (event.target as Element).closest('textarea, input')) return;
    event.preventDefault();
    found.item.focus({ preventScroll: true });
    setTarget({ message: found.message, at: { x: event.clientX, y: event.clientY }, opener: found.item });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (!isContextMenuKey(event)) return;
    const found = hit(event.target);
    if (!found) return;
    event.preventDefault();
    const box = found.item.getBoundingClientRect();
    setTarget({ message: found.message, at: { x: box.left + 64, y: box.top + 24 }, opener: event.target as HTMLElement });
  };

  const openFor = (message: Message, button: HTMLElement): void => {
    const box = button.getBoundingClientRect();
    setTarget({ message, at: { x: box.left, y: box.bottom + 4 }, opener: button });
  };

  const copy = (text: string, done: ChatTextKey): void => {
    navigator.clipboard.writeText(text).then(
      () => setNotice(t(done)),
      () => setNotice(t('chat.copyFailed')),
    );
  };

  const entries = (message: Message): MenuEntry[] => {
    const mine = message.sender_id === meId;
    const list: MenuEntry[] = [{ id: 'reply', label: t('chat.reply'), icon: 'reply', onSelect: () => actions.reply(message) }];
    if (mine) list.push({ id: 'edit', label: t('chat.edit'), icon: 'edit', onSelect: () => actions.edit(message) });
    list.push(
      { id: 'copy-link', label: t('chat.copyLink'), icon: 'hash', onSelect: () => copy(messageLink(message), 'chat.linkCopied') },
      { id: 'copy-text', label: t('chat.copyText'), icon: 'chat', onSelect: () => copy(message.content, 'chat.textCopied') },
    );
    if (mine || (canModerate && room.is_group)) {
      list.push({ id: 'delete', label: t('chat.delete'), icon: 'trash', tone: 'danger', onSelect: () => actions.remove(message, false) });
    }
    return list;
  };

  return {
    target,
    entries: target ? entries(target.message) : [],
    close: () => setTarget(null),
    onContextMenu,
    onKeyDown,
    /** The room's actions, with "More" wired to this menu. */
    actions: { ...actions, openMenu: openFor } satisfies MessageActions,
    notice,
  };
}
