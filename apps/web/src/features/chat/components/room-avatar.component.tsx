import type { Chatroom } from '@discordgym/contracts';
import { PresenceDot } from '../../../components/presence-dot.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { dmPartner, displayName } from '../hooks/room-view';
import { groupIconUrl } from '../hooks/use-group-settings.hook';
import { useMeId } from '../hooks/use-me-id.hook';
import { usePresence } from '../hooks/use-presence.hook';

const GROUP_COLOURS = ['#5865f2', '#3ba55c', '#eb459e', '#faa61a', '#ed4245', '#00a8fc', '#9b59b6'];

function colourOf(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return GROUP_COLOURS[hash % GROUP_COLOURS.length]!;
}

/** A DM shows the other person with their status; a group its built-in icon, or its initials. Decorative. */
export function RoomAvatar({ room, size = 'sm', ring = '800' }: { room: Chatroom; size?: 'sm' | 'md'; ring?: '700' | '800' | '850' | '900' }) {
  const meId = useMeId();
  const partner = dmPartner(room, meId);
  const status = usePresence(partner?.id);
  const box = size === 'sm' ? 'size-8' : 'size-10';
  if (!room.is_group) {
    return (
      <span className="relative shrink-0" aria-hidden="true">
        <UserAvatar name={partner ? displayName(partner) : '?'} avatar={partner?.avatar ?? null} size={size} />
        <PresenceDot status={status} ring={ring} className="absolute -right-0.5 -bottom-0.5 size-2.5" />
      </span>
    );
  }
  if (room.icon) {
    return <img src={groupIconUrl(room.icon)} alt="" aria-hidden="true" data-testid="group-icon" data-icon={room.icon} className={`${box} shrink-0 rounded-full`} />;
  }
  const initials = (room.name ?? '#')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0])
    .join('');
  return (
    <span
      aria-hidden="true"
      className={`${box} inline-flex shrink-0 items-center justify-center rounded-full text-xs font-semibold text-white uppercase`}
      style={{ backgroundColor: colourOf(room.id) }}
    >
      {initials || '#'}
    </span>
  );
}
