import { Handle, type SendFriendRequestResult } from '@discordgym/contracts';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../lib/api/api-error';
import type { MessageKey } from '../../../lib/i18n/en.messages';
import { useSendFriendRequest } from './use-friend-actions.hook';

export type AddFriendOutcome = { key: MessageKey; name: string } | null;

const OUTCOME: Record<SendFriendRequestResult['outcome'], MessageKey> = {
  requested: 'friends.requestSent',
  accepted: 'friends.nowFriends',
  already_friends: 'friends.alreadyFriends',
};

/** Refusals the add form explains in its own words (the rest go through the shared error texts). */
const REFUSALS: Partial<Record<string, MessageKey>> = {
  NOT_FOUND: 'friends.errorNotFound',
  FORBIDDEN: 'friends.errorRefused',
  VALIDATION_FAILED: 'friends.errorSelf',
};

/** "Add friend" by handle: checked here first, then sent; says what happened in words. */
export function useAddFriendForm() {
  const send = useSendFriendRequest();
  const [handle, setHandle] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [outcome, setOutcome] = useState<AddFriendOutcome>(null);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = Handle.safeParse(handle.trim());
    if (!parsed.success) {
      setInvalid(true);
      return;
    }
    send.mutate(
      { handle: parsed.data },
      {
        onSuccess: (result) => {
          const user = result.outcome === 'requested' ? result.request.to : result.friend.user;
          setOutcome({ key: OUTCOME[result.outcome], name: user.display_name ?? user.username });
          setHandle('');
        },
      },
    );
  };

  const refusal = send.error instanceof ApiError ? REFUSALS[send.error.code] : undefined;
  return {
    handle,
    setHandle: (value: string) => {
      setHandle(value);
      setInvalid(false);
      setOutcome(null);
      send.reset();
    },
    submit,
    invalid,
    outcome,
    pending: send.isPending,
    /** A friends-specific text, or the error for the shared texts. */
    refusal,
    error: refusal ? null : send.error,
  };
}
