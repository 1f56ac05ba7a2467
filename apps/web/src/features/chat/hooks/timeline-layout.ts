import { localDayKey } from '../../../lib/format/date.format';
import type { TimelineItem } from './use-room-timeline.hook';

/** Messages by one sender within this long of each other read as one block. */
const GROUP_WINDOW_MS = 7 * 60_000;

export interface LaidOutItem {
  item: TimelineItem;
  /** Starts a block: avatar, name and time are shown. */
  header: boolean;
  /** The first message of a local day: a day separator goes above it. */
  dayStart: string | null;
}

const senderOf = (item: TimelineItem, meId: string): string => (item.kind === 'message' ? item.message.sender_id : meId);
const timeOf = (item: TimelineItem): string => (item.kind === 'message' ? item.message.created_at : item.entry.created_at);
const repliesOf = (item: TimelineItem): boolean => (item.kind === 'message' ? item.message.reply_to_id !== null : item.entry.reply_to_id !== null);

/** Day separators and Discord's grouping of consecutive messages. */
export function layoutTimeline(items: readonly TimelineItem[], meId: string): LaidOutItem[] {
  let previous: TimelineItem | null = null;
  return items.map((item) => {
    const at = timeOf(item);
    const newDay = !previous || localDayKey(timeOf(previous)) !== localDayKey(at);
    const header =
      newDay ||
      repliesOf(item) ||
      // A system line stands alone: the message after it starts a new block.
      (previous!.kind === 'message' && previous!.message.system !== undefined) ||
      senderOf(previous!, meId) !== senderOf(item, meId) ||
      new Date(at).getTime() - new Date(timeOf(previous!)).getTime() > GROUP_WINDOW_MS;
    previous = item;
    return { item, header, dayStart: newDay ? at : null };
  });
}
