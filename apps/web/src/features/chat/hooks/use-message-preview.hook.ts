import type { Chatroom, Message } from '@discordgym/contracts';
import { useChatI18n } from './use-chat-i18n.hook';
import { splitMentions } from './mentions';
import { useSystemText } from './use-group-settings.hook';
import { authorOf, displayName } from './room-view';

/** One line for a room list or an activity feed: mentions by name, "You:" for mine. */
export function useMessagePreview() {
  const { t } = useChatI18n();
  const systemText = useSystemText();
  // Only files: what they are, as other chat apps say it ("📷 Photo", "📎 plan.pdf").
  const filesText = (message: Message): string => {
    const attachments = message.attachments ?? [];
    const images = attachments.filter((a) => a.kind === 'image').length;
    if (images === attachments.length) return images === 1 ? t('chat.previewPhoto') : t('chat.previewPhotos', { count: images });
    return t('chat.previewFile', { name: attachments.find((a) => a.kind === 'file')!.name });
  };
  return (room: Chatroom, message: Message | null, meId: string): string => {
    if (!message) return t('chat.noMessagesYet');
    if (message.deleted_at) return t('chat.previewDeleted');
    if (message.system) return systemText(room, message);
    const words = splitMentions(message.content)
      .map((part) => {
        if (part.kind === 'text') return part.text;
        const user = room.participants.find((p) => p.user.handle.toLowerCase() === part.handle.toLowerCase())?.user;
        return `@${user ? displayName(user) : part.handle}`;
      })
      .join('')
      .replace(/\s+/g, ' ');
    // A card without words reads as what it is.
    const title = message.card?.kind === 'workout' && typeof message.card.snapshot.title === 'string' ? message.card.snapshot.title : null;
    const text = words.trim() ? words : message.card ? (title ? t('card.workout.label', { title }) : t('card.unknown')) : message.attachments?.length ? filesText(message) : words;
    if (message.sender_id === meId) return t('chat.previewYou', { text });
    if (!room.is_group) return text;
    const sender = authorOf(room, message);
    return `${sender ? displayName(sender) : t('chat.unknownUser')}: ${text}`;
  };
}
