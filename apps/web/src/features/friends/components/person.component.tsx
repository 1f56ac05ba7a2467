import type { PresenceStatus, PublicUser } from '@discordgym/contracts';
import type { ReactNode } from 'react';
import { PresenceDot } from '../../../components/presence-dot.component';
import { UserAvatar } from '../../../components/user-avatar.component';

export const nameOf = (user: PublicUser): string => user.display_name ?? user.username;

/** One person in a friends list: avatar (with status when known), name, a second line, and actions. */
export function Person({ user, status, detail, actions, testId }: { user: PublicUser; status?: PresenceStatus; detail: string; actions: ReactNode; testId: string }) {
  return (
    <li data-testid={testId} data-user-id={user.id} data-status={status} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-[4px] px-2 py-1.5 hover:bg-surface-500/30">
      <span className="relative shrink-0">
        <UserAvatar name={nameOf(user)} avatar={user.avatar} size="sm" />
        {status && <PresenceDot status={status} className="absolute -right-0.5 -bottom-0.5 size-2.5!" />}
      </span>
      <span className="min-w-[8rem] flex-1 leading-tight">
        <span className="block truncate font-medium text-fg">{nameOf(user)}</span>
        <span className="block truncate text-xs text-fg-subtle" data-testid="person-detail">
          {detail}
        </span>
      </span>
      <span className="ml-auto flex shrink-0 items-center gap-1">{actions}</span>
    </li>
  );
}
