import { type PresenceChoice, type SelfUser, type UpdateProfileBody } from '@discordgym/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { authKeys } from '../../auth/api/auth.api';
import { saveProfile } from '../../profile/api/profile.api';

export const STATUS_EXPIRIES = ['30m', '1h', '4h', 'today', 'never'] as const;
export type StatusExpiry = (typeof STATUS_EXPIRIES)[number];
export const PRESENCE_CHOICES: readonly PresenceChoice[] = ['online', 'idle', 'dnd', 'invisible'];

const MINUTE = 60_000;

/** When a status set now with this choice ends; "today" is the end of my local day. */
export function expiryOf(choice: StatusExpiry, now = new Date()): string | null {
  if (choice === 'never') return null;
  if (choice === 'today') {
    const end = new Date(now);
    end.setHours(23, 59, 59, 999);
    return end.toISOString();
  }
  const minutes = { '30m': 30, '1h': 60, '4h': 240 }[choice];
  return new Date(now.getTime() + minutes * MINUTE).toISOString();
}

/** My presence choice (saved on change) and my custom status (saved on submit). */
export function useStatusSettings(user: SelfUser) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(user.custom_status?.text ?? '');
  const [expiry, setExpiry] = useState<StatusExpiry>('today');
  const [chosen, setChosen] = useState<PresenceChoice | null>(null);
  const save = useMutation({
    mutationFn: (body: UpdateProfileBody) => saveProfile(body),
    onSuccess: (next) => queryClient.setQueryData(authKeys.me, next),
  });
  return {
    // The choice shows at once (a controlled radio would otherwise snap back until the mutation
    // reports pending) and stays until its own answer: a late answer to an earlier choice does
    // not flip a newer one back.
    presence: chosen ?? user.presence ?? 'online',
    setPresence: (presence: PresenceChoice) => {
      setChosen(presence);
      save.mutate(
        { presence },
        {
          onSuccess: () => setChosen((current) => (current === presence ? null : current)),
          onError: () => setChosen((current) => (current === presence ? null : current)),
        },
      );
    },
    text,
    setText,
    expiry,
    setExpiry,
    current: user.custom_status ?? null,
    submit: () => save.mutate({ custom_status: text.trim() ? { text: text.trim(), expires_at: expiryOf(expiry) } : null }),
    clear: () => {
      setText('');
      save.mutate({ custom_status: null });
    },
    pending: save.isPending,
    saved: save.isSuccess,
    error: save.error,
  };
}
