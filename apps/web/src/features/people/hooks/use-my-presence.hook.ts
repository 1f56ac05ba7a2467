import type { PresenceStatus } from '@discordgym/contracts';
import { useMe } from '../../auth/hooks/use-me.hook';

/** My own dot: what I chose (invisible shows as offline to me too, as everyone else sees it). */
export function useMyPresence(): PresenceStatus {
  const choice = useMe().data?.presence ?? 'online';
  return choice === 'idle' ? 'away' : choice === 'invisible' ? 'offline' : choice;
}

/** My own custom status (the public view hides it while I am invisible; I still see mine). */
export function useMyCustomStatus(): string | null {
  return useMe().data?.custom_status?.text ?? null;
}
